import Fluent
import SQLKit

/// The transactional outbox of client messages (and later webhooks), and the admins' message templates.
struct M010_Outbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await database.schema("outbox")
            .id()
            .field("ticket_id", .uuid, .references("tickets", "id"))
            .field("channel", .string, .required)
            .field("template", .string)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("message_id", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("lease_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "message_id")
            .create()
        try await sql.create(index: "idx_outbox_due").on("outbox").column("state").column("next_attempt_at").run()
        try await sql.create(index: "idx_outbox_ticket").on("outbox").column("ticket_id").run()
        try await database.schema("message_templates")
            .field("kind", .string, .identifier(auto: false))
            .field("subject", .string, .required)
            .field("text", .string, .required)
            .field("html", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("message_templates").delete()
        try await database.schema("outbox").delete()
    }
}
