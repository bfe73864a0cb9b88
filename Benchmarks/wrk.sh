# Shared by the benchmark scripts that load the server with wrk (source it).

# Installs Debian's wrk when it is missing.
require_wrk() {
    command -v wrk >/dev/null && return
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
}

# Prints one line from wrk's --latency report: LABEL CONCURRENCY REPORT_FILE.
wrk_line() {
    awk -v label="$1" -v c="$2" '/requests in/ {total=$1} /Requests\/sec/ {rate=$2} / 50%/ {p50=$2}
        / 99%/ {p99=$2} /Non-2xx/ {bad="non-2xx=" $NF}
        END {print label " (wrk): requests=" total " concurrency=" c " rate=" rate "/s p50=" p50 " p99=" p99 (bad ? " " bad : " (all 2xx)")}' \
        "$3"
}
