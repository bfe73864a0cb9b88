import Fluent
import SQLKit

/// Monitoring alerts on tickets (source, fingerprint, repeat count, last seen) and a settings table for
/// admin-edited documents such as the alert severity table.
struct M006_Alerts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (column, type) in [
            ("alert_source", DatabaseSchema.DataType.string), ("alert_fingerprint", .string), ("alert_count", .int),
            ("alert_last_seen", .datetime),
        ] {
            try await database.schema("tickets").field(
                .definition(name: .key(.init(stringLiteral: column)), dataType: type, constraints: [])
            )
            .update()
        }
        let sql = try database.sql
        try await sql.create(index: "idx_tickets_alert_fingerprint").on("tickets").column("alert_fingerprint").run()
        try await database.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").delete()
    }
}
