import Fluent
import Foundation
import MendCore
import SQLKit

/// SLA policies (the Standard one seeded as default), each contract's calendar and policy, and the clock
/// columns the scheduler finds due tickets by.
struct M005_SlaEngine: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sla_policies")
            .id()
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("version", .int, .required)
            .field("is_default", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        let standard = SlaPolicyModel()
        standard.id = SlaPolicyModel.standardID
        standard.name = SlaPolicy.standard.name
        standard.definition = String(decoding: SlaPolicy.standard.jsonData, as: UTF8.self)
        standard.version = 1
        standard.isDefault = true
        standard.updatedAt = Date()
        try await standard.create(on: database)
        // SQLite adds one column per ALTER TABLE.
        for (table, column, type) in [
            ("contracts", "calendar", DatabaseSchema.DataType.string), ("contracts", "sla_policy_id", .uuid),
            ("tickets", "contract_id", .uuid), ("tickets", "sla_start", .datetime), ("tickets", "sla_clocks", .string),
            ("tickets", "sla_fired", .string), ("tickets", "sla_next_at", .datetime), ("tickets", "sla_due_at", .datetime),
            ("tickets", "sla_warn_at", .datetime),
            ("tickets", "sla_stale", .bool),
        ] {
            try await database.schema(table).field(
                .definition(name: .key(.init(stringLiteral: column)), dataType: type, constraints: [])
            ).update()
        }
        let sql = try database.sql
        try await sql.create(index: "idx_tickets_sla_next").on("tickets").column("sla_next_at").run()
        try await sql.create(index: "idx_tickets_sla_due").on("tickets").column("sla_due_at").run()
        try await sql.create(index: "idx_tickets_sla_warn").on("tickets").column("sla_warn_at").run()
        // Tickets from before the SLA engine get their clocks from a replay of their events on the first tick.
        try await sql.update("tickets").set("sla_stale", to: SQLBind(true)).set("sla_next_at", to: SQLBind(Date())).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sla_policies").delete()
    }
}
