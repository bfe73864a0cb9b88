import Fluent
import SQLKit

/// Hands out ticket numbers. PostgreSQL uses a sequence: unique across processes and never held until commit,
/// so concurrent creations commit (and sync to disk) together; a rolled-back creation leaves a gap.
/// SQLite, with one writer at a time, counts in the `counters` row inside the caller's transaction.
enum TicketNumberSequence {
    static func next(on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            let row = try await sql.raw("SELECT nextval('ticket_number_seq') AS value").first()
            guard let value = try row?.decode(column: "value", as: Int.self) else {
                throw Problem(.internalServerError, "internal", "Internal error", detail: "The ticket sequence is missing.")
            }
            return value
        }
        let row = try await sql.update("counters")
            .set(SQLIdentifier("value"), to: SQLBinaryExpression(SQLIdentifier("value"), .add, SQLLiteral.numeric("1")))
            .where("name", .equal, "ticket")
            .returning("value")
            .first()
        guard let value = try row?.decode(column: "value", as: Int.self) else {
            throw Problem(.internalServerError, "internal", "Internal error", detail: "The ticket counter is missing.")
        }
        return value
    }
}
