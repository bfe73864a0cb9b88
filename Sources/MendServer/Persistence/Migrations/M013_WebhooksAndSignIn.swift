import Fluent
import MendCore
import SQLKit

/// Outbound webhook subscriptions and their delivery log (deliveries ride in the outbox), the portal's
/// emailed sign-in links, and the admins' right to manage integrations.
struct M013_WebhooksAndSignIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await database.schema("webhook_subscriptions")
            .id()
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("kinds", .string, .required)
            .field("description", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("webhook_deliveries")
            .id()
            .field("outbox_id", .uuid, .required)
            .field("subscription_id", .uuid, .required)
            .field("event", .string, .required)
            .field("attempt", .int, .required)
            .field("at", .datetime, .required)
            .field("status_code", .int)
            .field("response", .string)
            .field("error", .string)
            .field("duration_ms", .int, .required)
            .create()
        try await sql.create(index: "idx_webhook_deliveries_subscription").on("webhook_deliveries")
            .column("subscription_id").column("at").run()
        try await database.schema("outbox").field("subscription_id", .uuid).update()
        try await database.schema("sign_in_links")
            .id()
            .field("token_hash", .string, .required)
            .field("email", .string, .required)
            .field("contact_id", .uuid, .required, .references("contacts", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await sql.create(index: "idx_sign_in_links_email").on("sign_in_links").column("email").column("created_at").run()
        // Databases seeded before this permission existed: the administrators get it.
        for role in try await RoleModel.query(on: database).filter(\.$key == "admin").all() {
            var permissions = Set(role.permissions.split(separator: ",").map(String.init))
            guard permissions.insert(Permission.integrationsManage.rawValue).inserted else { continue }
            role.permissions = permissions.sorted().joined(separator: ",")
            try await role.update(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_links").delete()
        try await database.schema("outbox").deleteField("subscription_id").update()
        try await database.schema("webhook_deliveries").delete()
        try await database.schema("webhook_subscriptions").delete()
    }
}
