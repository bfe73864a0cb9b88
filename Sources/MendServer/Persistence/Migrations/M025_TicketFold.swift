import Fluent

/// Each ticket's history folded up to its last event (MendCore `TicketFold`), so a change carries its clocks and KPI
/// facts forward from there instead of reading and replaying the whole history. Empty until a ticket's next change,
/// which folds its whole history once.
struct M025_TicketFold: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tickets").field("sla_fold", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tickets").deleteField("sla_fold").update()
    }
}
