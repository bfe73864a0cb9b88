import Fluent
import SQLKit

/// Inbound mail as received (delivered, quarantined or ignored, with the raw message) and stored attachments.
struct M011_InboundMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await database.schema("inbound_mail")
            .id()
            .field("message_id", .string)
            .field("sender", .string, .required)
            .field("subject", .string, .required)
            .field("state", .string, .required)
            .field("reason", .string)
            .field("ticket_id", .uuid, .references("tickets", "id"))
            .field("raw", .string, .required)
            .field("received_at", .datetime, .required)
            .field("handled_at", .datetime)
            .field("handled_by", .string)
            .create()
        try await sql.create(index: "idx_inbound_message_id").on("inbound_mail").column("message_id").run()
        try await sql.create(index: "idx_inbound_state").on("inbound_mail").column("state").run()
        try await database.schema("attachments")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id"))
            .field("note_id", .uuid)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "idx_attachments_ticket").on("attachments").column("ticket_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attachments").delete()
        try await database.schema("inbound_mail").delete()
    }
}
