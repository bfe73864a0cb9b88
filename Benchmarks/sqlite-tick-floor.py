#!/usr/bin/env python3
"""What SQLite alone needs for one scheduler tick's reads and writes, with no Swift in the way.

    Benchmarks/sqlite-tick-floor.py FILLED.sqlite [SCRATCH_DIR]

FILLED.sqlite is a database filled by `mend-scheduler-bench --fill-only` (never changed: a copy is made in
SCRATCH_DIR, default /tmp). In one transaction, as the scheduler does: select the 10,000 rows whose
`sla_next_at` is earliest, update each one's fired keys and next instant by id, insert one event per row,
commit. Prints each step's time. Python's sqlite3 module prepares each statement once.
"""
import os
import shutil
import sqlite3
import sys
import time
import uuid

source = sys.argv[1]
scratch = os.path.join(sys.argv[2] if len(sys.argv) > 2 else "/tmp", "tick-floor.sqlite")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(scratch + suffix):
        os.remove(scratch + suffix)
shutil.copy(source, scratch)
os.sync()
db = sqlite3.connect(scratch, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
now = db.execute("SELECT sla_next_at FROM tickets ORDER BY sla_next_at LIMIT 1 OFFSET 9999").fetchone()[0]
after = '{"at":"2026-11-28T10:00:00Z","clock":"response","key":"response.warning","priority":"p1"}'
summary = "Response SLA warning: the target is near (deadline 2026-11-28T10:00:00Z)"
started = time.perf_counter()
db.execute("BEGIN")
rows = db.execute(
    "SELECT id, version, priority, sla_clocks, sla_fired, sla_stale, number, summary, assignee_id FROM tickets "
    "WHERE sla_next_at <= ? ORDER BY sla_next_at LIMIT 10000", (now,)).fetchall()
selected = time.perf_counter()
db.executemany(
    "UPDATE tickets SET sla_fired = ?, sla_next_at = ?, sla_stale = 0 WHERE id = ?",
    [("response.warning", now + 3600, row[0]) for row in rows])
updated = time.perf_counter()
db.executemany(
    "INSERT INTO events (id, ticket_id, seq, kind, visibility, actor_id, actor_name, at, before, after, summary) "
    "VALUES (?, ?, ?, 'sla_warning', 'backstage', NULL, 'Mend SLA', ?, NULL, ?, ?)",
    [(str(uuid.uuid4()).upper(), row[0], row[1] * 100 + 90, now, after, summary) for row in rows])
inserted = time.perf_counter()
db.execute("COMMIT")
committed = time.perf_counter()
db.close()
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(scratch + suffix):
        os.remove(scratch + suffix)
ms = lambda a, b: round((b - a) * 1000)
print(f"rows={len(rows)} select={ms(started, selected)}ms update={ms(selected, updated)}ms "
      f"insert={ms(updated, inserted)}ms commit={ms(inserted, committed)}ms total={ms(started, committed)}ms")
