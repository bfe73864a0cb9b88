#!/usr/bin/env bash
# Monitoring alerts through POST /api/v1/alerts on a release build and SQLite, with deduplication:
# fingerprints are drawn from a small pool, so most alerts are repeats counted on an open ticket.
#   Benchmarks/alert-intake.sh [COUNT] [CONCURRENCY] [FINGERPRINTS] [WRK_SECONDS]
# Two load generators on the same server: mend-bench (Swift, COUNT alerts) and wrk (Debian's, installed
# when missing; WRK_SECONDS of alerts drawn from the same size of pool by a Lua script). wrk's C client
# leaves the server more of the two cores, so its figure is the server's own; both are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-20000}"
CONCURRENCY="${2:-8}"
FINGERPRINTS="${3:-200}"
WRK_SECONDS="${4:-20}"
. Benchmarks/wrk.sh
require_wrk
. Benchmarks/setup.sh
bench_setup mend-alerts mend mend-bench
url="sqlite://$WORK/alerts.sqlite"
serve_demo "$url" "$WORK/serve.log"
# Warm-up: opens the tickets of the fingerprint pool, so the measured run is the steady state of repeats.
"$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$FINGERPRINTS" --concurrency 1 \
    --alert-fingerprints "$FINGERPRINTS" >/dev/null
echo "alerts sqlite (mend-bench): $("$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$COUNT" \
    --concurrency "$CONCURRENCY" --alert-fingerprints "$FINGERPRINTS")"

company="$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select code from companies order by code").fetchone()[0])' "$WORK/alerts.sqlite")"
cat >"$WORK/pool.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  local fp = "wrk-" .. math.random(1, $FINGERPRINTS)
  return wrk.format(nil, nil, nil, '{"source":"bench","fingerprint":"' .. fp .. '","status":"firing","severity":"warning","company":"$company","summary":"Disk full on ' .. fp .. '"}')
end
LUA
# Warm-up for wrk's own pool: the first copy of each fingerprint opens its ticket.
wrk -t1 -c1 -d3s -s "$WORK/pool.lua" "http://127.0.0.1:$port/api/v1/alerts" >/dev/null
wrk -t1 -c"$CONCURRENCY" -d"${WRK_SECONDS}s" --latency -s "$WORK/pool.lua" "http://127.0.0.1:$port/api/v1/alerts" \
    >"$WORK/wrk.txt"
wrk_line "alerts sqlite" "$CONCURRENCY" "$WORK/wrk.txt"
echo "alerts sqlite: server RSS after both runs $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"
