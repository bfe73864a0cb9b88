import Fluent
import SQLKit

/// Escalation policies with their versions, the ticket watch columns (status since, next look, fired keys,
/// CSR handoff), in-app notifications, on-call pages, CSR handoffs, staff working hours, and the paging
/// settings of rotations.
struct M008_Escalation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await addColumns(
            "tickets",
            [("status_since", .datetime), ("watch_next_at", .datetime), ("watch_fired", .string), ("handoff_at", .datetime)],
            on: database)
        // Until now nobody recorded status entries apart; the last change is the best known start.
        try await sql.raw("UPDATE tickets SET status_since = updated_at").run()
        // Open tickets get one look from the scheduler, which then keeps its own next instant.
        try await sql.raw(
            "UPDATE tickets SET watch_next_at = updated_at WHERE status NOT IN ('resolved', 'escalated_out', 'handed_off', 'closed')"
        ).run()
        try await sql.create(index: "idx_tickets_watch_next_at").on("tickets").column("watch_next_at").run()
        try await addColumns("users", [("working_hours", .string)], on: database)
        try await addColumns("rotations", [("ack_minutes", .int), ("after_hours", .bool)], on: database)
        try await sql.raw(
            "UPDATE rotations SET ack_minutes = 15, after_hours = \(unsafeRaw: sql.dialect.name == "postgresql" ? "false" : "0")"
        ).run()

        try await database.schema("escalation_policies")
            .id()
            .field("name", .string, .required)
            .field("priority", .string, .required)
            .field("contract_id", .uuid, .references("contracts", "id"))
            .field("version", .int, .required)
            .field("levels", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .create()
        try await database.schema("escalation_policy_versions")
            .id()
            .field("policy_id", .uuid, .required, .references("escalation_policies", "id"))
            .field("version", .int, .required)
            .field("levels", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .unique(on: "policy_id", "version")
            .create()
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("ticket_id", .uuid, .references("tickets", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("deliver_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await sql.create(index: "idx_notifications_user").on("notifications").column("user_id").column("deliver_at").run()
        try await database.schema("pages")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id"))
            .field("rotation_id", .uuid, .references("rotations", "id"))
            .field("reason", .string, .required)
            .field("chain", .string, .required)
            .field("step", .int, .required)
            .field("state", .string, .required)
            .field("ack_minutes", .int, .required)
            .field("ack_due_at", .datetime)
            .field("sent_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("answered_by", .uuid)
            .create()
        try await sql.create(index: "idx_pages_ack_due").on("pages").column("ack_due_at").run()
        try await database.schema("csr_handoffs")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id"))
            .field("csr_id", .uuid, .required, .references("users", "id"))
            .field("csr_name", .string, .required)
            .field("at", .datetime, .required)
            .field("expectation", .string, .required)
            .field("eta", .datetime, .required)
            .unique(on: "ticket_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["csr_handoffs", "pages", "notifications", "escalation_policy_versions", "escalation_policies"] {
            try await database.schema(table).delete()
        }
    }

    private func addColumns(_ table: String, _ columns: [(String, DatabaseSchema.DataType)], on database: any Database)
        async throws
    {
        for (column, type) in columns {
            try await database.schema(table).field(
                .definition(name: .key(.init(stringLiteral: column)), dataType: type, constraints: [])
            ).update()
        }
    }
}
