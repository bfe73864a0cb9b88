import Fluent
import SQLKit

/// On-call rotations and their overrides.
struct M007_OnCall: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rotations")
            .id()
            .field("name", .string, .required)
            .field("timezone", .string, .required)
            .field("cadence", .string, .required)
            .field("weekday", .int)
            .field("handoff", .string, .required)
            .field("start_date", .string, .required)
            .field("members", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("rotation_overrides")
            .id()
            .field("rotation_id", .uuid, .required, .references("rotations", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "idx_overrides_rotation").on("rotation_overrides")
            .column("rotation_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rotation_overrides").delete()
        try await database.schema("rotations").delete()
    }
}
