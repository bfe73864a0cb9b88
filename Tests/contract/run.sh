#!/usr/bin/env bash
# Schemathesis (PyPI) against a real `mend serve` with demo data: every operation of the OpenAPI document the
# server serves, a fixed seed and a time budget. The checks are in Tests/contract/schemathesis.toml; any failure
# fails the run. One worker: with two threads CPython 3.11's ast.parse, which Hypothesis calls to describe its
# strategies, can fail with "AST constructor recursion depth mismatch" (python/cpython#106905).
#   Tests/contract/run.sh URL TOKEN [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
URL="$1"
TOKEN="$2"
SECONDS_BUDGET="${3:-180}"
.venv/bin/python Tests/contract/check_config.py Tests/contract/schemathesis.toml
exec .venv/bin/schemathesis --no-color --config-file Tests/contract/schemathesis.toml run "$URL/api/v1/openapi.json" \
    --url "$URL" \
    -H "Authorization: Bearer $TOKEN" \
    --seed 1 --max-time "$SECONDS_BUDGET" --workers 1 --request-timeout 20 --suppress-health-check all \
    --report json --report-dir "${REPORT_DIR:-/tmp/mend-schemathesis}"
