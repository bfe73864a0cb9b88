#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster in a temporary folder on a free loopback port.
#   scripts/postgres.sh start DIR   prints the database URL
#   scripts/postgres.sh stop DIR
# Tests run with fsync off for speed; PG_FSYNC=on keeps PostgreSQL's durable default (benchmarks use it).
# max_connections is 500: the server tests run many at once, each with its own pool of up to 4 connections per
# event loop, and 200 was once exhausted ("too many clients already").
set -euo pipefail
action="$1"
dir="$2"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_postgres "'$PGBIN/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 >'$dir/initdb.log' 2>&1"
    as_postgres "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=500\" start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_postgres "'$PGBIN/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1" || true
    fi
    rm -rf "$dir"
    ;;
esac
