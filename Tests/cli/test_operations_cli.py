"""Upgrades and logs as an operator meets them: `mend migrate --status` on a new, a current and a newer database,
`mend serve` refusing pending migrations under MEND_MIGRATE=never and a schema from a newer release, and
LOG_FORMAT=json lines that carry each request's id, which `/readyz` and every answer name too."""
import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.request

MEND = os.environ.get("MEND_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "mend"))


def run(database, *args, **env):
    return subprocess.run([MEND, *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, MEND_DATABASE_URL=f"sqlite://{database}", **env))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_migrate_status_on_a_new_a_current_and_a_newer_database(tmp_path):
    database = tmp_path / "upgrade.sqlite"
    new = run(database, "migrate", "--status")
    assert new.returncode == 1, new.stdout + new.stderr
    assert "Applied: 0" in new.stdout and "M001_CreateDirectory" in new.stdout and "Run `mend migrate`" in new.stdout

    refused = run(database, "serve", "--port", str(free_port()), MEND_MIGRATE="never")
    assert refused.returncode != 0
    assert "pending" in refused.stderr + refused.stdout and "mend migrate" in refused.stderr + refused.stdout

    migrated = run(database, "migrate", MEND_MIGRATE="never")
    assert migrated.returncode == 0 and "up to date" in migrated.stdout
    current = run(database, "migrate", "--status")
    assert current.returncode == 0 and "Pending: 0" in current.stdout and "up to date" in current.stdout

    # A newer release was here: its migration is in the log.
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) "
                   "SELECT randomblob(16), 'MendServer.M999_FromTheFuture', 99, created_at, updated_at "
                   "FROM _fluent_migrations LIMIT 1")
    newer = run(database, "migrate", "--status")
    assert newer.returncode == 2 and "M999_FromTheFuture" in newer.stdout and "newer release" in newer.stdout
    serve = run(database, "serve", "--port", str(free_port()))
    assert serve.returncode != 0 and "M999_FromTheFuture" in serve.stderr + serve.stdout


def test_json_logs_carry_the_request_id_that_the_answer_names(tmp_path):
    database = tmp_path / "logs.sqlite"
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([MEND, "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                              env=dict(os.environ, MEND_DATABASE_URL=f"sqlite://{database}", LOG_FORMAT="json",
                                       LOG_LEVEL="debug"))
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/readyz", headers={"X-Request-Id": "probe-42"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200 and answer.headers["X-Request-Id"] == "probe-42"
            assert json.loads(answer.read())["status"] == "ready"
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0, "SIGTERM ends mend serve cleanly"
        log.close()
    lines = [line for line in (tmp_path / "serve.log").read_text().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    assert entries, "JSON log lines"
    assert all({"time", "level", "label", "message", "source"} <= set(entry) for entry in entries)
    assert any(entry.get("request-id") == "probe-42" and "/readyz" in entry["message"] for entry in entries)
