import Fluent
import SQLKit

/// PostgreSQL numbers tickets from a sequence, continuing after the counter row; SQLite keeps the counter.
struct M004_TicketNumberSequence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "postgresql" else { return }
        let row = try await sql.raw("SELECT value FROM counters WHERE name = 'ticket'").first()
        let last = try row?.decode(column: "value", as: Int.self) ?? 0
        try await sql.raw("CREATE SEQUENCE ticket_number_seq START WITH \(unsafeRaw: String(last + 1))").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP SEQUENCE ticket_number_seq").run()
    }
}
