#!/usr/bin/env bash
# Monitoring alerts through POST /api/v1/alerts on a release build and SQLite, with deduplication:
# fingerprints are drawn from a small pool, so most alerts are repeats counted on an open ticket.
#   Benchmarks/alert-intake.sh [COUNT] [CONCURRENCY] [FINGERPRINTS]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-20000}"
CONCURRENCY="${2:-8}"
FINGERPRINTS="${3:-200}"
SCRATCH=.build-release
swift build -c release --scratch-path "$SCRATCH" --product mend >/dev/null
swift build -c release --scratch-path "$SCRATCH" --product mend-bench >/dev/null
BIN="$SCRATCH/release"
WORK="$(mktemp -d /tmp/mend-alerts.XXXXXX)"
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
url="sqlite://$WORK/alerts.sqlite"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
MEND_DATABASE_URL="$url" "$BIN/mend" demo --tickets 1 >/dev/null
token="$(MEND_DATABASE_URL="$url" "$BIN/mend" token create --email admin@mend.example --name bench)"
MEND_DATABASE_URL="$url" LOG_LEVEL=warning "$BIN/mend" serve --port "$port" >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
# Warm-up: opens the tickets of the fingerprint pool, so the measured run is the steady state of repeats.
"$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$FINGERPRINTS" --concurrency 1 \
    --alert-fingerprints "$FINGERPRINTS" >/dev/null
echo "alerts sqlite: $("$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$COUNT" \
    --concurrency "$CONCURRENCY" --alert-fingerprints "$FINGERPRINTS")"
echo "alerts sqlite: server RSS $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"
