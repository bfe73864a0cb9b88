#!/usr/bin/env python3
"""What SQLite alone needs for one scheduler tick's reads and writes, with no Swift in the way.

    Benchmarks/sqlite-tick-floor.py FILLED.sqlite [SCRATCH_DIR]

FILLED.sqlite is a database filled by `mend-scheduler-bench --fill-only` (never changed: a copy is made in
SCRATCH_DIR, default /tmp). In one transaction, as the scheduler does per batch of 5,000: read the earliest
due rows of the timer queue in key order, delete that key range, put each fired warning's breach row in its
place, insert one event per row; then commit. Prints each step's time. Python's sqlite3 module prepares each
statement once and reuses it for every row (Mend's driver cannot: it sends multi-row statements instead).
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
columns = "at, ticket_id, key, deadline, priority, assignee_id, version"
now = db.execute("SELECT at FROM sla_timers ORDER BY at LIMIT 1 OFFSET 9999").fetchone()[0]
after = '{"at":"2026-11-28T10:00:00Z","clock":"response","key":"response.warning","priority":"p1"}'
summary = "Response SLA warning: the target is near (deadline 2026-11-28T10:00:00Z)"
steps = {"select": 0.0, "delete": 0.0, "followers": 0.0, "events": 0.0}
fired = 0
started = time.perf_counter()
db.execute("BEGIN")
while True:
    t0 = time.perf_counter()
    rows = db.execute(
        f"SELECT {columns} FROM sla_timers WHERE at <= ? ORDER BY at, ticket_id, key LIMIT 5000", (now,)).fetchall()
    t1 = time.perf_counter()
    if rows:
        db.execute("DELETE FROM sla_timers WHERE (at, ticket_id, key) <= (?, ?, ?)", rows[-1][:3])
    t2 = time.perf_counter()
    db.executemany(
        f"INSERT OR IGNORE INTO sla_timers ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(r[3], r[1], r[2].replace(".warning", ".breach"), r[3], r[4], r[5], r[6]) for r in rows if ".warning" in r[2]])
    t3 = time.perf_counter()
    db.executemany(
        "INSERT INTO events (id, ticket_id, seq, kind, visibility, actor_id, actor_name, at, before, after, summary) "
        "VALUES (?, ?, ?, 'sla_warning', 'backstage', NULL, 'Mend SLA', ?, NULL, ?, ?)",
        [(str(uuid.uuid4()).upper(), r[1], r[6] * 100 + 90, now, after, summary) for r in rows])
    t4 = time.perf_counter()
    for name, a, b in (("select", t0, t1), ("delete", t1, t2), ("followers", t2, t3), ("events", t3, t4)):
        steps[name] += b - a
    fired += len(rows)
    if len(rows) < 5000:
        break
before_commit = time.perf_counter()
db.execute("COMMIT")
committed = time.perf_counter()
db.close()
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(scratch + suffix):
        os.remove(scratch + suffix)
ms = lambda seconds: round(seconds * 1000)
print(f"fired={fired} " + " ".join(f"{name}={ms(value)}ms" for name, value in steps.items())
      + f" commit={ms(committed - before_commit)}ms total={ms(committed - started)}ms")
