#!/usr/bin/env bash
# The KPI report at scale, on a release build, on SQLite and on PostgreSQL.
#   Benchmarks/kpi-scale.sh [TICKETS] [DATABASES]
# For each database (DATABASES: "sqlite postgres" by default): the demo, then TICKETS generated past-year tickets
# spread over KPI_CLIENTS more clients and KPI_ENGINEERS more engineers (250 and 150 by default; `mend kpis
# generate`), then `mend kpis rebuild` over all of them (timed), then `mend serve` answering `GET /api/v1/kpis` for
# the last 365 days with no cut and cut by one client, one priority and one engineer, three times each (the times of
# the three, in seconds), then the reports page for that year and for this month, and the server's resident memory.
# MEND_BENCH_BIN=folder runs the mend found there instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
TICKETS="${1:-1000000}"
DATABASES="${2:-sqlite postgres}"
CLIENTS="${KPI_CLIENTS:-250}"
ENGINEERS="${KPI_ENGINEERS:-150}"
. Benchmarks/setup.sh
bench_setup mend-kpi-bench mend

seconds() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$1"; }

run() {
    local label="$1" url="$2" started port token
    MEND_DATABASE_URL="$url" "$BIN/mend" demo >/dev/null
    started="$(date +%s.%N)"
    MEND_DATABASE_URL="$url" "$BIN/mend" kpis generate --tickets "$TICKETS" --batch 5000 --clients "$CLIENTS" \
        --engineers "$ENGINEERS" | tail -1
    echo "$label: generated $TICKETS tickets in $(seconds "$started") s"
    started="$(date +%s.%N)"
    MEND_DATABASE_URL="$url" "$BIN/mend" kpis rebuild
    echo "$label: rebuild took $(seconds "$started") s, the process included"
    port="$(free_port)"
    token="$(MEND_DATABASE_URL="$url" "$BIN/mend" token create --email admin@mend.example --name bench)"
    MEND_DATABASE_URL="$url" MEND_SCHEDULER_INTERVAL_MS=0 LOG_LEVEL=warning "$BIN/mend" serve --port "$port" \
        >"$WORK/serve-$label.log" 2>&1 &
    PID=$!
    wait_healthy "$port"
    local base="http://127.0.0.1:$port/api/v1/kpis?from=$(date -u -d '-364 days' +%F)&to=$(date -u +%F)"
    local company engineer
    company="$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/companies" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')"
    engineer="$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/users" |
        python3 -c 'import json, sys; print(next(u["id"] for u in json.load(sys.stdin)["items"] if u["role"] == "engineer"))')"
    for cut in "" "&company=$company" "&priority=p2" "&engineer=$engineer"; do
        local times=""
        for _ in 1 2 3; do
            times="$times $(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$cut")"
        done
        echo "$label: /api/v1/kpis one year${cut:+ (${cut#&})}:$times s"
    done
    # The reports page, signed in as a service manager would be.
    local jar="$WORK/cookies-$label" csrf
    csrf="$(curl -fs -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
        --data-urlencode "email=admin@mend.example" --data-urlencode "password=mend-demo-password" \
        "http://127.0.0.1:$port/login"
    curl -fs -b "$jar" "http://127.0.0.1:$port/reports" | grep -q "scorecard" || { echo "$label: sign-in failed"; exit 1; }
    local page="http://127.0.0.1:$port/reports?from=$(date -u -d '-364 days' +%F)&to=$(date -u +%F)&trend=month"
    for url in "$page" "http://127.0.0.1:$port/reports"; do
        local times=""
        for _ in 1 2 3; do
            times="$times $(curl -fs -b "$jar" -o /dev/null -w '%{time_total}' "$url")"
        done
        echo "$label: ${url#*127.0.0.1:$port}:$times s"
    done
    echo "$label: server RSS after: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"
    kill "$PID"; wait "$PID" 2>/dev/null || true
    PID=""
}

for database in $DATABASES; do
    case "$database" in
    sqlite) run sqlite "sqlite://$WORK/bench.sqlite" ;;
    postgres) run postgres "$(scripts/postgres.sh start "$WORK/pg")" ;;
    esac
done
