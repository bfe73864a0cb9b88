"""Upgrading a database made by the previous release: Mend's build 6b621f2 (session 23, 27 migrations, before the
process definition of M028) wrote the demo data into it, and Tests/drills/fixtures holds it as that build's SQLite
dump and pg_dump. `mend migrate --status` names what is pending, `mend migrate` brings the schema current, every
row of every table the previous release had reads back with every column it had, and the upgraded database serves:
ready, its tickets readable and changeable, the process in force version 1. Made by
Tests/drills/fixtures/make-upgrade-fixtures.sh."""
import collections
import gzip
import os
import sqlite3
import subprocess
import urllib.parse

import pytest

from conftest import MEND, call, fresh_postgres_database

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
# What a migration since the previous release changed in place, on purpose: M028 granted administrators the new
# `process.manage` permission (checked below on its own).
CHANGED_ON_PURPOSE = {("roles", "permissions")}
# Tables that may gain rows: the record of the migrations run, and the daily KPI totals, which are derived from the
# tickets and added up when a database is prepared (the previous release's demo left them to its first report).
MAY_GROW = {"_fluent_migrations", "kpi_daily", "kpi_daily_all", "kpi_daily_breaches", "kpi_daily_state"}


@pytest.fixture(params=["sqlite", "postgres"])
def previous(request, tmp_path):
    """A database as the previous release left it: its URL and a function running SQL that returns text rows."""
    dump = gzip.open(os.path.join(FIXTURES, f"previous-release-{request.param}.sql.gz")).read().decode()
    if request.param == "sqlite":
        path = str(tmp_path / "previous.sqlite")
        with sqlite3.connect(path) as db:
            db.executescript(dump)

        def query(sql):
            with sqlite3.connect(path) as db:
                return [tuple("" if v is None else str(v) for v in row) for row in db.execute(sql)]

        return f"sqlite://{path}", query, "sqlite"
    url = fresh_postgres_database()
    parts = urllib.parse.urlsplit(url)
    psql = ["psql", "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username or "postgres", "-d",
            parts.path.lstrip("/"), "-v", "ON_ERROR_STOP=1", "-q"]
    subprocess.run(psql, input=dump, text=True, check=True, capture_output=True, timeout=300)

    def query(sql):
        out = subprocess.run(psql + ["-A", "-t", "-F", "\x1f", "-c", sql], text=True, check=True,
                             capture_output=True, timeout=300).stdout
        return [tuple(line.split("\x1f")) for line in out.splitlines() if line]

    return url, query, "postgres"


def tables_and_columns(query, engine):
    if engine == "sqlite":
        names = [r[0] for r in query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: [r[1] for r in query(f"PRAGMA table_info('{name}')")] for name in names}
    rows = query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                 "ORDER BY table_name, ordinal_position")
    result = {}
    for table, column in rows:
        result.setdefault(table, []).append(column)
    return result


def contents(query, engine, schema):
    """Per table of `schema`: its rows, each with `schema`'s columns, as a multiset."""
    result = {}
    for table, columns in schema.items():
        kept = [c for c in columns if (table, c) not in CHANGED_ON_PURPOSE]
        cols = ", ".join(f'"{c}"' if engine == "sqlite" else f'"{c}"::text' for c in kept)
        result[table] = collections.Counter(query(f'SELECT {cols} FROM "{table}"'))
    return result


def mend(url, *args):
    return subprocess.run([MEND, *args], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, MEND_DATABASE_URL=url, LOG_LEVEL="warning"))


def test_an_upgrade_of_the_previous_releases_database_loses_nothing(previous, servers):
    url, query, engine = previous
    schema = tables_and_columns(query, engine)
    before = contents(query, engine, schema)
    assert sum(before["tickets"].values()) > 100 and sum(before["events"].values()) > 1000, "the demo data is there"

    status = mend(url, "migrate", "--status")
    assert status.returncode == 1, status.stdout + status.stderr
    assert "Pending: 1" in status.stdout and "M028_ProcessDefinitions" in status.stdout

    migrated = mend(url, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert mend(url, "migrate", "--status").returncode == 0

    after = contents(query, engine, schema)
    lost = {table: len(before[table] - after[table]) for table in before if before[table] - after[table]}
    assert not lost, f"rows lost or changed by the upgrade, by table: {lost}"
    grew = {table for table in before if after[table] - before[table]}
    assert grew <= MAY_GROW, f"rows added where none should be: {grew - MAY_GROW}"
    assert sum((after["_fluent_migrations"] - before["_fluent_migrations"]).values()) == 1, "M028 recorded once"
    admin = query("SELECT permissions FROM roles WHERE key = 'admin'")[0][0]
    assert "process.manage" in admin.split(",")
    # The events before the upgrade ran before versions were recorded: none is given one after the fact.
    assert query("SELECT COUNT(*) FROM events WHERE process_version IS NOT NULL") == [("0",)]

    server = servers(url, "upgraded").start()
    assert call(server.url + "/readyz")[0] == 200
    token = server.mend("token", "create", "--email", "admin@mend.example", "--name", "upgrade")
    code, _, page = call(server.url + "/api/v1/tickets?open=true&limit=5", token=token)
    assert code == 200 and len(page["items"]) == 5
    number = page["items"][0]["number"]
    code, _, events = call(server.url + f"/api/v1/tickets/{number}/events", token=token)
    assert code == 200 and events["items"], "the history reads back"
    code, _, _ = call(server.url + f"/api/v1/tickets/{number}/notes", "POST", token,
                      {"body": "Checked after the upgrade", "visibility": "backstage"})
    assert code == 201
    code, _, events = call(server.url + f"/api/v1/tickets/{number}/events", token=token)
    noted = [e for e in events["items"] if e["kind"] == "note_added" and e.get("processVersion") == 1]
    assert len(noted) == 1, "a change after the upgrade runs under version 1 of the process"
    code, headers, _ = call(server.url + "/api/v1/process", token=token)
    assert code == 200 and headers.get("etag") == '"1"'
