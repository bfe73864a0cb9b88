import Fluent
import SQLKit

/// Facts rows are kept only for tickets with something ended (`KpiFactRows.upsert`); the rows written for new
/// tickets before that rule go, so a database's stored facts equal a rebuild's.
struct M020_KpiFactsOfEndedTickets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("DELETE FROM ticket_kpi_facts WHERE first_end_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {}
}
