# Shared by the benchmark scripts (source it): the release binaries, a scratch folder and the cleanup of both.

# Sets BIN to a folder with release builds of PRODUCTS (built in .build-release), or to MEND_BENCH_BIN when set
# (an earlier build, for an A/B pair); WORK to a new scratch folder named NAME; and PID, the server to stop at exit.
#   bench_setup NAME PRODUCT...
bench_setup() {
    local name="$1"
    shift
    if [ -z "${MEND_BENCH_BIN:-}" ]; then
        for product in "$@"; do
            swift build -c release --scratch-path .build-release --product "$product" >/dev/null
        done
    fi
    BIN="${MEND_BENCH_BIN:-.build-release/release}"
    WORK="$(mktemp -d "/tmp/$name.XXXXXX")"
    chmod 755 "$WORK"
    PID=""
    trap bench_cleanup EXIT INT TERM
}

bench_cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/pg" || true
    rm -rf "$WORK"
}

# A free loopback port.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits until the server on PORT answers /healthz (up to 30 s).
wait_healthy() {
    for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
}

# Starts `mend serve` on a new database at URL with the demo's one ticket, logging to LOG, and waits until it
# answers; sets port, token (an administrator's) and PID.
#   serve_demo URL LOG
serve_demo() {
    port="$(free_port)"
    MEND_DATABASE_URL="$1" "$BIN/mend" demo --tickets 1 >/dev/null
    token="$(MEND_DATABASE_URL="$1" "$BIN/mend" token create --email admin@mend.example --name bench)"
    MEND_DATABASE_URL="$1" LOG_LEVEL=warning "$BIN/mend" serve --port "$port" >"$2" 2>&1 &
    PID=$!
    wait_healthy "$port"
}
