#!/usr/bin/env bash
# Builds Mend, migrates its embedded SQLite database, seeds demo data when it is empty, and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
swift build --product mend
echo
echo "Open http://127.0.0.1:$PORT and sign in as admin@mend.example with password mend-demo-password"
echo "(demo data is added only to an empty database; MEND_DATABASE_URL picks another database)"
exec .build/debug/mend serve --hostname 127.0.0.1 --port "$PORT" --demo-if-empty
