import Fluent

/// Each person's own time zone, in which every page shows them times; none means the MSP's (`MEND_TIME_ZONE`).
struct M027_UserTimeZone: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("time_zone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("time_zone").update()
    }
}
