#!/usr/bin/env bash
# Issue 23's yardstick for ticket creation on PostgreSQL: pgbench writing one ticket row plus one event row per
# transaction into Mend's own schema (its columns, indexes and triggers), then Mend creating tickets through its HTTP
# API, on the same PostgreSQL cluster in the same sitting, both durable (fsync on) at the same concurrency.
#   Benchmarks/pg-creation-baseline.sh [SECONDS] [CONCURRENCY] [COUNT]
# Prints pgbench's rate, Mend's (mend-bench, COUNT tickets) and Mend's share of pgbench's.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-20}"
CONCURRENCY="${2:-8}"
COUNT="${3:-20000}"
. Benchmarks/setup.sh
bench_setup pg-creation-baseline mend mend-bench

PG="$(PG_FSYNC=on scripts/postgres.sh start "$WORK/pg")"
BASE="${PG%/postgres*}"
psql -q "$BASE/postgres" -c "CREATE DATABASE pgbench_rows" -c "CREATE DATABASE mend_api"

# The schema and one demo ticket with its events to copy from, as Mend made them.
ROWS="$BASE/pgbench_rows?sslmode=disable"
MEND_DATABASE_URL="$ROWS" "$BIN/mend" demo --tickets 1 --history 0 >/dev/null
columns() { # TABLE [PREFIX]: its columns, in order, each after PREFIX
    psql -At "$ROWS" -c "SELECT string_agg('${2:-}' || quote_ident(column_name), ', ' ORDER BY ordinal_position)
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$1'"
}
replace() { # COLUMNS NAME EXPRESSION: the column list with NAME read as EXPRESSION
    sed -E "s/(^|, )$2(,|$)/\1$3\2/" <<<"$1"
}
template="$(psql -At "$ROWS" -c "SELECT id FROM tickets ORDER BY number LIMIT 1")"
event="$(psql -At "$ROWS" -c "SELECT id FROM events WHERE ticket_id = '$template' ORDER BY at LIMIT 1")"
psql -q "$ROWS" -c "CREATE SEQUENCE bench_number START 1000000"
ticket_select="$(replace "$(replace "$(columns tickets)" id "gen_random_uuid()")" number "nextval('bench_number')")"
event_select="$(replace "$(replace "$(columns events e.)" e.id "gen_random_uuid()")" e.ticket_id "t.id")"
# One statement, so one transaction: the ticket row, then its event row naming it.
cat >"$WORK/create.sql" <<SQL
WITH t AS (INSERT INTO tickets ($(columns tickets)) SELECT $ticket_select FROM tickets WHERE id = '$template' RETURNING id)
INSERT INTO events ($(columns events)) SELECT $event_select FROM events e, t WHERE e.id = '$event';
SQL
pgbench -n -c "$CONCURRENCY" -j 2 -T "$SECONDS_RUN" -f "$WORK/create.sql" "$ROWS" >"$WORK/pgbench.txt" 2>&1 ||
    { cat "$WORK/pgbench.txt"; exit 1; }
pgbench_rate="$(awk '/^tps = / {printf "%d", $3}' "$WORK/pgbench.txt")"
echo "pgbench: one ticket row and one event row per transaction, concurrency $CONCURRENCY, ${SECONDS_RUN} s:" \
    "$pgbench_rate/s ($(awk '/latency average/ {print "latency average " $4 " ms"}' "$WORK/pgbench.txt"))"

# Mend through its API on the same cluster, as Benchmarks/ticket-create.sh runs it.
API="$BASE/mend_api?sslmode=disable"
serve_demo "$API" "$WORK/serve.log"
company="$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/companies" |
    python3 -c 'import json, sys; print(next(c["id"] for c in json.load(sys.stdin)["items"] if c["code"] == "NWL"))')"
"$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count 500 --concurrency "$CONCURRENCY" \
    --company "$company" >/dev/null
line="$("$BIN/mend-bench" --url "http://127.0.0.1:$port" --token "$token" --count "$COUNT" \
    --concurrency "$CONCURRENCY" --company "$company")"
echo "mend (API): $line"
mend_rate="$(sed -E 's/.*rate=([0-9]+).*/\1/' <<<"$line")"
echo "mend / pgbench: $((100 * mend_rate / pgbench_rate))% (issue 23 asks for at least 60%)"
