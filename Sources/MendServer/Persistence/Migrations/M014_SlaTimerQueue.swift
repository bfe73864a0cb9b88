import Fluent
import Foundation
import MendCore
import SQLKit

/// The SLA timer queue (MendCore `SlaTimerQueue`): one row per timer still to fire, keyed by when it fires, so a tick
/// reads and deletes a run of rows that lie together and never rewrites a ticket. Tickets that had timers get
/// their rows from their stored clocks and fired keys; tickets waiting for a replay get a replay row.
struct M014_SlaTimerQueue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TABLE sla_timers (at TIMESTAMPTZ NOT NULL, ticket_id UUID NOT NULL, key TEXT NOT NULL,
                deadline TIMESTAMPTZ, priority TEXT NOT NULL, assignee_id UUID, version BIGINT NOT NULL,
                PRIMARY KEY (at, ticket_id, key))
                """
            ).run()
        } else {
            // WITHOUT ROWID: the rows live in the key's own order, so due rows sit together on few pages.
            try await sql.raw(
                """
                CREATE TABLE sla_timers (at REAL NOT NULL, ticket_id UUID NOT NULL, key TEXT NOT NULL, deadline REAL,
                priority TEXT NOT NULL, assignee_id UUID, version INTEGER NOT NULL, PRIMARY KEY (at, ticket_id, key))
                WITHOUT ROWID
                """
            ).run()
        }
        try await Self.queueExisting(on: database)
        // The ticket's next instant is now only the replay row's key; nothing searches by it.
        try await sql.drop(index: "idx_tickets_sla_next").run()
    }

    private struct Stored: Decodable {
        var id: UUID
        var priority: String
        var assignee_id: UUID?
        var version: Int
        var sla_clocks: String?
        var sla_fired: String?
        var sla_stale: Bool?
        var sla_next_at: Date?
    }

    /// Queues the timers of every ticket that had a next instant, a page of tickets at a time.
    static func queueExisting(on database: any Database) async throws {
        let sql = try database.sql
        var after: UUID?
        while true {
            var query = sql.select().columns(
                "id", "priority", "assignee_id", "version", "sla_clocks", "sla_fired", "sla_stale", "sla_next_at"
            ).from("tickets").where("sla_next_at", .isNot, SQLLiteral.null)
            if let after { query = query.where("id", .greaterThan, after) }
            let page = try await query.orderBy("id").limit(2_000).all(decoding: Stored.self)
            guard let last = page.last else { return }
            var rows: [SlaTimerRows.Row] = []
            for ticket in page {
                func row(_ at: Date, _ key: String, _ deadline: Date?) -> SlaTimerRows.Row {
                    SlaTimerRows.Row(
                        at: at, ticket_id: ticket.id, key: key, deadline: deadline, priority: ticket.priority,
                        assignee_id: ticket.assignee_id, version: ticket.version)
                }
                if ticket.sla_stale == true, let at = ticket.sla_next_at { rows.append(row(at, SlaTimerQueue.replayKey, nil)) }
                if let snapshot = SlaRefresh.snapshot(ticket.sla_clocks) {
                    for timer in SlaTimerQueue.rows(of: snapshot, fired: SlaRefresh.firedKeys(ticket.sla_fired)) {
                        rows.append(row(timer.at, timer.key, timer.deadline))
                    }
                }
            }
            try await SlaTimerRows.insert(rows, on: database)
            after = last.id
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.drop(table: "sla_timers").run()
        try await sql.create(index: "idx_tickets_sla_next").on("tickets").column("sla_next_at").run()
    }
}
