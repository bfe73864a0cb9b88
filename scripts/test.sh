#!/usr/bin/env bash
# The whole test suite: core tests, server tests on SQLite and on PostgreSQL, browser tests against a real
# `mend serve`. Installs what is missing and stops everything it started, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

WORK="$(mktemp -d /tmp/mend-test.XXXXXX)"
chmod 755 "$WORK"
# Chromium's profiles and the build's scratch folders land here and go with the rest of the run.
mkdir -m 1777 "$WORK/tmp"
export TMPDIR="$WORK/tmp"
SERVER_PID=""
CONTRACT_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$CONTRACT_PID" ] && kill "$CONTRACT_PID" 2>/dev/null && wait "$CONTRACT_PID" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/pg" || true
    scripts/smtp-sinks.sh stop "$WORK/smtp" || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== Lint (swift format)"
swift format lint --strict --recursive Sources Packages/MendCore/Sources Tests/MendServerTests Packages/MendCore/Tests

echo "== MendCore tests"
(cd Packages/MendCore && swift test)

echo "== Building the server and its tests"
swift build --build-tests

echo "== Real SMTP servers (aiosmtpd: plain, and STARTTLS + AUTH) for the mail tests"
export $(scripts/smtp-sinks.sh start "$WORK/smtp")

echo "== Server tests on SQLite"
echo "(PostgresOnlyTests are left out of this pass on purpose: they run in the PostgreSQL pass below)"
MEND_TEST_POSTGRES_URL= swift test --skip-build --skip PostgresOnlyTests

echo "== Server tests on PostgreSQL"
PG_URL="$(scripts/postgres.sh start "$WORK/pg")"
MEND_TEST_POSTGRES_URL="$PG_URL" swift test --skip-build

echo "== CLI tests"
.venv/bin/python -m pytest -q Tests/cli

echo "== Browser tests (Chromium) against mend serve"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# Mail goes to the plain SMTP sink, whose folder the portal and message tests read.
MEND_DATABASE_URL="sqlite://$WORK/browser.sqlite" MEND_PUBLIC_URL="http://127.0.0.1:$PORT" \
    MEND_SMTP_HOST=127.0.0.1 MEND_SMTP_PORT="$MEND_TEST_SMTP_PORT" MEND_SMTP_FROM=servicedesk@northwind.example \
    .build/debug/mend serve --port "$PORT" --demo-if-empty >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
# Each role's walk is kept as screenshots at 1400 and 390 px, outside the run's folder so they stay to be looked at.
rm -rf .test-run/screenshots
MEND_URL="http://127.0.0.1:$PORT" MEND_SCREENSHOTS="$PWD/.test-run/screenshots" .venv/bin/python -m pytest -q Tests/browser \
    || { tail -50 "$WORK/serve.log"; exit 1; }
echo "Screenshots of each role's walk: .test-run/screenshots/<role>.html"

echo "== Alertmanager, mailgate, webhooks and hostile bytes on a socket, against the same mend serve"
MEND_URL="http://127.0.0.1:$PORT" MEND_DATABASE_URL="sqlite://$WORK/browser.sqlite" \
    .venv/bin/python -m pytest -q Tests/integration || { tail -50 "$WORK/serve.log"; exit 1; }
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "mend serve died during the integration tests"; exit 1; }

echo "== Drills: kill -9 under creation load (SQLite, PostgreSQL), three servers racing If-Match writes and three behind nginx with one killed (PostgreSQL), SIGTERM under load, an upgrade of the previous release's database (SQLite, PostgreSQL)"
MEND_TEST_POSTGRES_URL="$PG_URL" .venv/bin/python -m pytest -q Tests/drills

echo "== Schemathesis over the OpenAPI document, against a fresh mend serve with demo data"
CONTRACT_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
MEND_DATABASE_URL="sqlite://$WORK/contract.sqlite" .build/debug/mend serve --port "$CONTRACT_PORT" --demo-if-empty \
    >"$WORK/contract-serve.log" 2>&1 &
CONTRACT_PID=$!
for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$CONTRACT_PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
CONTRACT_TOKEN="$(MEND_DATABASE_URL="sqlite://$WORK/contract.sqlite" .build/debug/mend token create --email admin@mend.example --name contract | tail -1)"
REPORT_DIR="$WORK/schemathesis" Tests/contract/run.sh "http://127.0.0.1:$CONTRACT_PORT" "$CONTRACT_TOKEN" 240 \
    || { tail -50 "$WORK/contract-serve.log"; exit 1; }
curl -fs "http://127.0.0.1:$CONTRACT_PORT/healthz" >/dev/null || { echo "mend serve died under Schemathesis"; exit 1; }
