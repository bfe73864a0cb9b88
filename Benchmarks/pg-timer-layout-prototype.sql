-- A prototype of a PostgreSQL timer layout whose due rows share pages (BENCHMARKS.md, scheduler tick):
-- on a copy of a `mend-scheduler-bench --interleaved --fill-only` database, keeps in sla_timers only the rows
-- due within an hour of the benchmark's tick (in the order they were written) and moves the rest to
-- sla_timers_later. Run with psql -f on a scratch copy; it rewrites the database.
CREATE TABLE near AS SELECT * FROM sla_timers WHERE at <= '2026-11-30 15:00:00+00' ORDER BY ctid;
CREATE TABLE sla_timers_later AS SELECT * FROM sla_timers WHERE at > '2026-11-30 15:00:00+00' ORDER BY ctid;
DROP TABLE sla_timers;
ALTER TABLE near RENAME TO sla_timers;
ALTER TABLE sla_timers ADD PRIMARY KEY (at, ticket_id, key);
ALTER TABLE sla_timers_later ADD PRIMARY KEY (at, ticket_id, key);
VACUUM ANALYZE sla_timers;
VACUUM ANALYZE sla_timers_later;
CHECKPOINT;
