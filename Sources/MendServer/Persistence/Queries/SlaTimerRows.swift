import Fluent
import Foundation
import MendCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// A ticket's rows in the SLA timer queue (MendCore `SlaTimerQueue`), kept in step with its stored clocks: a
/// writer takes the rows out before it changes the clocks (learning what fired meanwhile) and puts the new
/// rows in after. Each row carries what the scheduler writes when it fires (priority, assignee, version), so a
/// tick never reads a ticket.
enum SlaTimerRows {
    struct Row: Sendable, Decodable {
        var at: Date
        var ticket_id: UUID
        var key: String
        var deadline: Date?
        var priority: String
        var assignee_id: UUID?
        var version: Int
    }

    static let columns = ["at", "ticket_id", "key", "deadline", "priority", "assignee_id", "version"]

    /// PostgreSQL's claim of the earliest `limit` rows due by `$1`: rows another server holds are skipped, not waited
    /// for (it fires them). They are deleted by their physical address (`ctid`), which the row locks keep still until
    /// the commit: deleting by key looked each locked row up in the key again, a third of the claim.
    /// Only the rows of the `share`'s tickets.
    static func postgresClaim(limit: Int, share: Share) -> String {
        """
        DELETE FROM sla_timers WHERE ctid = ANY(ARRAY(SELECT ctid FROM sla_timers
        WHERE at <= $1\(share.postgresCondition) ORDER BY at, ticket_id, key LIMIT \(limit) FOR UPDATE SKIP LOCKED))
        """
    }

    /// The part of the queue one of several parallel claims takes: the rows of the tickets whose id's last byte
    /// leaves `index` when divided by `count`. The byte is random in every id, so the parts are even, and a
    /// ticket's rows stay together in one claim.
    struct Share: Sendable {
        var index: Int
        var count: Int

        /// What a PostgreSQL claim adds to its condition.
        var postgresCondition: String {
            count <= 1 ? "" : " AND get_byte(uuid_send(ticket_id), 15) % \(count) = \(index)"
        }
    }

    /// Deletes the earliest rows due by `now` (at most `limit`) and returns them in the queue's order.
    /// On PostgreSQL only the rows of the `share`'s tickets (SQLite's claims are never parallel).
    static func claim(dueBy now: Date, limit: Int, share: Share, on db: any Database) async throws -> [Row] {
        let list = columns.joined(separator: ", ")
        guard let sqlite = SQLiteBulk.database(db) else {
            var binds = PostgresBindings()
            binds.append(now)
            let sql = postgresClaim(limit: limit, share: share) + " RETURNING \(list)"
            let rows = try await PostgresBulk.query(
                sql, binds, on: PostgresBulk.database(db).guaranteed("a PostgreSQL connection")
            ) { result in
                var rows: [Row] = []
                for try await (at, ticket, key, deadline, priority, assignee, version) in result.decode(
                    (Date, UUID, String, Date?, String, UUID?, Int).self)
                {
                    rows.append(
                        Row(
                            at: at, ticket_id: ticket, key: key, deadline: deadline, priority: priority,
                            assignee_id: assignee, version: version))
                }
                return rows
            }
            return rows.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
        }
        // SQLite has one writer: the first rows in key order are read, then everything up to the last of them is
        // deleted as one range of the key (a DELETE ... IN (SELECT ...) RETURNING took twice as long).
        let found = try await sqlite.query(
            "SELECT \(list) FROM sla_timers WHERE at <= ? ORDER BY at, ticket_id, key LIMIT \(limit)", [.instant(now)])
        guard let last = found.last else { return [] }
        try await sqlite.query(
            "DELETE FROM sla_timers WHERE (at, ticket_id, key) <= (?, ?, ?)",
            [last.column("at") ?? .null, last.column("ticket_id") ?? .null, last.column("key") ?? .null])
        return found.compactMap(Row.init(sqlite:))
    }

    /// Deletes the ticket's rows and adds the timers that fired since its clocks were stored to its fired keys.
    /// `claimed` are keys of rows the caller already deleted without firing them (the scheduler's claim).
    static func take(_ ticket: TicketModel, claimed: Set<String> = [], on db: any Database) async throws {
        var fired = SlaRefresh.firedKeys(ticket.slaFired)
        let queued = SlaRefresh.snapshot(of: ticket)?.pendingTimers(fired: fired) ?? []
        var instants = Set(queued.map(\.at))
        if ticket.slaStale == true, let at = ticket.slaNextAt { instants.insert(at) }
        guard !instants.isEmpty else { return }
        let sql = try db.sql
        struct Key: Decodable { var key: String }
        var remaining = claimed
        // On PostgreSQL a scheduler may hold one of these rows; once its commit lets the first DELETE on, a second
        // one sees the rows that scheduler handed back (it could not lock the ticket this writer holds).
        for _ in 0..<(sql.dialect.name == "postgresql" ? 2 : 1) {
            let rows = try await sql.delete(from: "sla_timers").where("ticket_id", .equal, ticket.id!)
                .where("at", .in, instants.sorted()).returning("key").all(decoding: Key.self)
            remaining.formUnion(rows.map(\.key))
        }
        fired.formUnion(SlaTimerQueue.firedSince(queued: queued, remaining: remaining))
        ticket.slaFired = FiredKeys(fired).text
    }

    /// Inserts the rows of the tickets' stored clocks: per running clock, its next timer not fired.
    static func put(_ tickets: [TicketModel], on db: any Database) async throws {
        var rows: [Row] = []
        for ticket in tickets {
            // Read back from the stored text, so the instants are exactly those a later `take` computes.
            guard let snapshot = SlaRefresh.snapshot(of: ticket) else { continue }
            for timer in SlaTimerQueue.rows(of: snapshot, fired: SlaRefresh.firedKeys(ticket.slaFired)) {
                rows.append(
                    Row(
                        at: timer.at, ticket_id: ticket.id!, key: timer.key, deadline: timer.deadline,
                        priority: ticket.priority, assignee_id: ticket.assigneeID, version: ticket.version))
            }
        }
        try await insert(rows, on: db)
    }

    /// Inserts rows as they are (a claim handed back, the benchmark's fixture, migrations).
    static func insert(_ rows: [Row], on db: any Database) async throws {
        if let sqlite = SQLiteBulk.database(db) {
            try await SQLiteBulk.insert(
                into: "sla_timers", columns: columns, rows: rows, ignoringConflicts: true, on: sqlite
            ) { row, binds in
                binds += [
                    .instant(row.at), .id(row.ticket_id), .text(row.key), .instant(row.deadline), .text(row.priority),
                    .id(row.assignee_id), .integer(row.version),
                ]
            }
            return
        }
        if let postgres = PostgresBulk.database(db), !rows.isEmpty {
            var binds = PostgresBindings()
            binds.append(rows.map(\.at))
            binds.append(rows.map(\.ticket_id))
            binds.append(rows.map(\.key))
            PostgresBulk.append(rows.map(\.deadline), fill: Date(timeIntervalSince1970: 0), to: &binds)
            binds.append(rows.map(\.priority))
            PostgresBulk.append(rows.map(\.assignee_id), fill: UUID(), to: &binds)
            binds.append(rows.map(\.version))
            try await PostgresBulk.run(
                """
                INSERT INTO sla_timers (\(columns.joined(separator: ", ")))
                SELECT at, ticket_id, key, CASE WHEN deadline_null THEN NULL ELSE deadline END, priority,
                CASE WHEN assignee_null THEN NULL ELSE assignee_id END, version
                FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bool[], $6::text[],
                $7::uuid[], $8::bool[], $9::bigint[])
                AS v(at, ticket_id, key, deadline, deadline_null, priority, assignee_id, assignee_null, version)
                ON CONFLICT DO NOTHING
                """, binds, on: postgres)
            return
        }
        let sql = try db.sql
        // 4,000 rows of 7 values stay under SQLite's 32,766 bind parameters per statement.
        for start in stride(from: 0, to: rows.count, by: 4_000) {
            let insert = sql.insert(into: "sla_timers").columns(columns).ignoringConflicts()
            for row in rows[start..<min(rows.count, start + 4_000)] {
                insert.values([
                    SQLBind(row.at), SQLBind(row.ticket_id), SQLBind(row.key), SQLBind(row.deadline),
                    SQLBind(row.priority), SQLBind(row.assignee_id), SQLBind(row.version),
                ])
            }
            try await insert.run()
        }
    }

    /// The replay rows for open tickets whose policy or calendar changed (see `SlaService.markStale`), inserted
    /// for those not already waiting for one.
    static func queueReplay(where filter: SQLQueryString, at now: Date, on db: any Database) async throws {
        let sql = try db.sql
        try await sql.raw(
            """
            INSERT INTO sla_timers (at, ticket_id, key, deadline, priority, assignee_id, version)
            SELECT \(bind: now), id, \(bind: SlaTimerQueue.replayKey), NULL, priority, assignee_id, version FROM tickets
            WHERE (sla_stale IS NULL OR sla_stale = \(bind: false)) AND 
            """ + filter + " ON CONFLICT DO NOTHING"
        ).run()
    }
}

extension SlaTimerRows.Row {
    /// A row read from SQLite; nil when a column does not hold what the queue writes.
    init?(sqlite row: SQLiteRow) {
        guard let at = row.column("at").flatMap(Date.init(sqliteData:)), let ticket = row.column("ticket_id")?.id,
            let key = row.column("key")?.string, let priority = row.column("priority")?.string,
            let version = row.column("version")?.integer
        else { return nil }
        self.init(
            at: at, ticket_id: ticket, key: key, deadline: row.column("deadline").flatMap(Date.init(sqliteData:)),
            priority: priority, assignee_id: row.column("assignee_id")?.id, version: version)
    }
}
