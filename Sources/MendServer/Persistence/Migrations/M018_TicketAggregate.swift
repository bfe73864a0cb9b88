import Fluent
import SQLKit

/// What the ticket aggregate keeps beyond the earlier columns: whether the client was told of a transfer (the
/// gate of escalating out and handing off), when a monitored incident started (the alert's `startsAt`), and an
/// index that finds a ticket's open pages, which end as soon as someone works the ticket.
struct M018_TicketAggregate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tickets").field("client_informed", .bool, .required, .sql(.default(false))).update()
        try await database.schema("tickets").field("incident_started_at", .datetime).update()
        try await database.sql.create(index: "idx_pages_ticket_state").on("pages").column("ticket_id").column("state")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "idx_pages_ticket_state").run()
        try await database.schema("tickets").deleteField("incident_started_at").update()
        try await database.schema("tickets").deleteField("client_informed").update()
    }
}
