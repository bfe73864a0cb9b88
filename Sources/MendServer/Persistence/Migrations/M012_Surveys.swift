import Fluent
import SQLKit

/// Satisfaction surveys: one per resolution, answered once through a one-time link (only its hash is kept).
struct M012_Surveys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("surveys")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id"))
            .field("token_hash", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("rating", .int)
            .field("comment", .string)
            .unique(on: "token_hash")
            .create()
        try await database.sql.create(index: "idx_surveys_ticket").on("surveys").column("ticket_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("surveys").delete()
    }
}
