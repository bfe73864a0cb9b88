import Fluent
import SQLKit

/// Hands out ticket numbers. PostgreSQL uses a sequence: unique across processes and never held until commit,
/// so concurrent creations commit (and sync to disk) together; a rolled-back creation leaves a gap.
/// SQLite, with one writer at a time, counts in the `counters` row inside the caller's transaction.
enum TicketNumberSequence {
    static func next(on database: any Database) async throws -> Int {
        try await next(1, on: database)[0]
    }

    /// `count` consecutive-or-increasing numbers in one statement.
    static func next(_ count: Int, on database: any Database) async throws -> [Int] {
        let sql = try database.sql
        if sql.dialect.name == "postgresql" {
            let rows = try await sql.raw(
                "SELECT nextval('ticket_number_seq') AS value FROM generate_series(1, \(bind: count))"
            ).all()
            return try rows.map { try $0.decode(column: "value", as: Int.self) }.sorted()
        }
        let row = try await sql.raw("UPDATE counters SET value = value + \(bind: count) WHERE name = 'ticket' RETURNING value")
            .first()
        guard let last = try row?.decode(column: "value", as: Int.self) else {
            throw Problem(.internalServerError, "internal", "Internal error", detail: "The ticket counter is missing.")
        }
        return Array((last - count + 1)...last)
    }
}
