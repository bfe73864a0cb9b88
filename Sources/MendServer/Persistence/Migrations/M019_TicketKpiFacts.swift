import Fluent
import MendCore
import SQLKit

/// Each ticket's KPI facts (docs/kpis.md), written with the events that change them, so a dashboard adds up rows
/// and never replays histories. The columns beside `facts` are what figures are cut and found by: a ticket is read
/// for a period when one of its measures ended in it, which lies between `first_end_at` and `last_end_at`.
struct M019_TicketKpiFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ticket_kpi_facts")
            .field("ticket_id", .uuid, .identifier(auto: false))
            .field("company_id", .uuid, .required)
            .field("priority", .string, .required)
            .field("queue_id", .uuid)
            .field("type", .string)
            .field("channel", .string, .required)
            .field("first_assignee", .uuid)
            .field("resolved_by", .uuid)
            .field("first_end_at", .datetime)
            .field("last_end_at", .datetime)
            .field("facts", .string, .required)
            .field("definitions_version", .string, .required)
            .field("computed_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "idx_kpi_facts_last_end").on("ticket_kpi_facts").column("last_end_at").run()
        try await database.sql.create(index: "idx_kpi_facts_company_end").on("ticket_kpi_facts").column("company_id")
            .column("last_end_at").run()
        // Databases seeded before the permission existed: service managers and administrators read every report.
        for role in try await RoleModel.query(on: database).filter(\.$key ~~ ["admin", "service_manager"]).all() {
            var permissions = Set(role.permissions.split(separator: ",").map(String.init))
            guard permissions.insert(Permission.reportsRead.rawValue).inserted else { continue }
            role.permissions = permissions.sorted().joined(separator: ",")
            try await role.update(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ticket_kpi_facts").delete()
    }
}
