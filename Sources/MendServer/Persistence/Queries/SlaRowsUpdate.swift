import Foundation
import SQLKit

/// Writes the scheduler's results for a batch of tickets with one UPDATE ... FROM (VALUES ...) statement:
/// one statement per batch instead of one per ticket, which is what keeps a tick over 10,000 due tickets short.
enum SlaRowsUpdate {
    struct Row: Sendable {
        var id: UUID
        var clocks: String
        var fired: String
        var nextAt: Date?
        var dueAt: Date?
        var warnAt: Date?
    }

    static func run(_ rows: [Row], on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        // Bind parameters per statement stay under SQLite's limit of 32,766.
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            let chunk = rows[start..<min(rows.count, start + 2_000)]
            let values = chunk.map { row -> SQLQueryString in
                postgres
                    ? "(\(bind: row.id)::uuid, \(bind: row.clocks)::text, \(bind: row.fired)::text, \(bind: row.nextAt)::timestamptz, \(bind: row.dueAt)::timestamptz, \(bind: row.warnAt)::timestamptz)"
                    : "(\(bind: row.id), \(bind: row.clocks), \(bind: row.fired), \(bind: row.nextAt), \(bind: row.dueAt), \(bind: row.warnAt))"
            }.joined(separator: ", ")
            // SQLite names VALUES columns column1..column6; PostgreSQL takes the names in the alias.
            let (alias, id, clocks, fired, next, due, warn) =
                postgres
                ? (
                    "v(id, clocks, fired, next_at, due_at, warn_at)", "v.id", "v.clocks", "v.fired", "v.next_at", "v.due_at",
                    "v.warn_at"
                )
                : ("v", "v.column1", "v.column2", "v.column3", "v.column4", "v.column5", "v.column6")
            let query: SQLQueryString =
                "UPDATE tickets SET sla_clocks = \(unsafeRaw: clocks), sla_fired = \(unsafeRaw: fired), sla_next_at = \(unsafeRaw: next), sla_due_at = \(unsafeRaw: due), sla_warn_at = \(unsafeRaw: warn), sla_stale = \(bind: false) FROM (VALUES "
                + values + " ) AS \(unsafeRaw: alias) WHERE tickets.id = \(unsafeRaw: id)"
            try await sql.raw(query).run()
        }
    }
}
