#!/usr/bin/env bash
# What engineers do all day (issue 24), through the HTTP API on a release build, on SQLite and on PostgreSQL.
#   Benchmarks/everyday-paths.sh [OPEN] [COUNT] [CONCURRENCY] [DATABASES]
# For each database ("sqlite postgres" by default): the demo and OPEN more open tickets (1,000 by default), then
# `mend-bench` at CONCURRENCY connections (8), COUNT requests (5,000) of each path:
#   queue            GET /api/v1/tickets?open=true&limit=100, the first page of open tickets in the default order
#   queue deadline   the same with sort=deadline
#   note             POST /api/v1/tickets/{number}/notes over 25 open tickets, each to about 200 events
#   ticket           GET /api/v1/tickets/{number} over those 25 tickets
#   status           per connection, its own ticket reassigned, to Waiting on Client and back to In Progress
# and the server's resident memory after them. Each line ends with the server's CPU time per request (user and
# system, from /proc/PID/stat around the run): a second figure for an A/B pair, since on this shared machine the
# rate moves by 10-20% from one minute to the next. MEND_BENCH_BIN=folder runs the mend and mend-bench found there;
# PATHS="note status" measures only those (the notes are still written, since the ticket path reads them).
set -euo pipefail
cd "$(dirname "$0")/.."
OPEN="${1:-1000}"
COUNT="${2:-5000}"
CONCURRENCY="${3:-8}"
DATABASES="${4:-sqlite postgres}"
PATHS="${PATHS:-queue note ticket status}"
. Benchmarks/setup.sh
bench_setup mend-everyday mend mend-bench

run() {
    local label="$1" url="$2" port token
    port="$(free_port)"
    MEND_DATABASE_URL="$url" "$BIN/mend" demo >/dev/null
    token="$(MEND_DATABASE_URL="$url" "$BIN/mend" token create --email admin@mend.example --name bench)"
    MEND_DATABASE_URL="$url" LOG_LEVEL=warning "$BIN/mend" serve --port "$port" >"$WORK/serve-$label.log" 2>&1 &
    PID=$!
    wait_healthy "$port"
    local bench=("$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --concurrency "$CONCURRENCY")
    "${bench[@]}" --path create --count "$OPEN" >/dev/null
    echo "$label: open tickets: the demo's and $OPEN more"
    measuring() { [[ " $PATHS " == *" $1 "* ]]; }
    # mend-bench's line for "$@", with the server's CPU per request (clock ticks of 1/100 s).
    measured() {
        local before after line count
        before="$(awk '{print $14 + $15}' /proc/$PID/stat)"
        line="$("${bench[@]}" "$@")"
        after="$(awk '{print $14 + $15}' /proc/$PID/stat)"
        count="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
        echo "$line server_cpu=$(awk -v t="$((after - before))" -v n="$count" 'BEGIN {printf "%.2f", t * 10 / n}')ms/request"
    }
    if measuring queue; then
        "${bench[@]}" --path queue --count 200 >/dev/null  # warm-up
        echo "$label queue: $(measured --path queue --count "$COUNT")"
        echo "$label queue deadline: $(measured --path queue --sort deadline --count "$COUNT")"
    fi
    local notes
    notes="$(measured --path note --tickets 25 --count 5000)"
    measuring note && echo "$label note: $notes"
    measuring ticket && echo "$label ticket: $(measured --path ticket --tickets 25 --count "$COUNT")"
    measuring status && echo "$label status: $(measured --path status --count "$COUNT")"
    echo "$label: server RSS after: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"
    kill "$PID"; wait "$PID" 2>/dev/null || true
    PID=""
}

for database in $DATABASES; do
    case "$database" in
    sqlite) run sqlite "sqlite://$WORK/bench.sqlite" ;;
    postgres) run postgres "$(PG_FSYNC=on scripts/postgres.sh start "$WORK/pg")" ;;
    esac
done
