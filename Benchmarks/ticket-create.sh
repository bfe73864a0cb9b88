#!/usr/bin/env bash
# Ticket creation through the HTTP API on a release build, on SQLite and on PostgreSQL.
#   Benchmarks/ticket-create.sh [COUNT] [CONCURRENCY] [COMPANY_CODE] [WRK_SECONDS]
# Two load generators, one after the other on the same server: mend-bench (Swift, COUNT tickets) and wrk
# (Debian's C client, installed when missing; WRK_SECONDS of the same request). wrk leaves the server more of
# the two cores, so its figure is closer to the server's own; both are printed.
# The tickets are P2 for the demo client COMPANY_CODE (default NWL, on a 24x7 contract, so the run does not
# depend on the time of day; an 8x5 client such as BRIGHT after its hours also pages on-call for each one).
# Prints mend-bench's line per database and the server's resident memory after the run.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100000}"
CONCURRENCY="${2:-8}"
COMPANY_CODE="${3:-NWL}"
WRK_SECONDS="${4:-20}"
. Benchmarks/wrk.sh
require_wrk
# MEND_BENCH_BIN=folder runs the mend and mend-bench found there instead (an earlier build, for an A/B pair).
. Benchmarks/setup.sh
bench_setup mend-bench mend mend-bench

run() {
    local label="$1" url="$2"
    serve_demo "$url" "$WORK/serve-$label.log"
    local company
    company="$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/companies" |
        python3 -c 'import json, sys; print(next(c["id"] for c in json.load(sys.stdin)["items"] if c["code"] == sys.argv[1]))' "$COMPANY_CODE")"
    # A short warm-up so connection pools and caches are filled before measuring.
    "$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count 500 --concurrency "$CONCURRENCY" \
        --company "$company" >/dev/null
    echo "$label ($COMPANY_CODE): $("$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$COUNT" \
        --concurrency "$CONCURRENCY" --company "$company")"
    echo "$label: server RSS after $((COUNT + 501)) tickets: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"
    cat >"$WORK/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"summary":"Benchmark incident","description":"Created by wrk","impact":"medium","urgency":"high","companyID":"$company"}'
LUA
    wrk -t1 -c"$CONCURRENCY" -d"${WRK_SECONDS}s" --latency -s "$WORK/create.lua" "http://127.0.0.1:$port/api/v1/tickets" \
        >"$WORK/wrk-$label.txt"
    wrk_line "$label" "$CONCURRENCY" "$WORK/wrk-$label.txt"
    kill "$PID"; wait "$PID" 2>/dev/null || true
    PID=""
}

run sqlite "sqlite://$WORK/bench.sqlite"
run postgres "$(PG_FSYNC=on scripts/postgres.sh start "$WORK/pg")"
