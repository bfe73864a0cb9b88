import Fluent
import SQLKit

/// Hands out ticket numbers from the `counters` row inside the caller's transaction.
/// The row update locks the counter on PostgreSQL, so numbers are unique and gapless across processes.
enum TicketNumberSequence {
    static func next(on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
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
