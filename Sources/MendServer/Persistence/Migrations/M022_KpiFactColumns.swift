import Fluent
import MendCore
import SQLKit

/// The KPI facts as columns beside their JSON, and the breaches as rows, so `KpiAggregates` adds figures up in SQL
/// instead of decoding every ticket's facts. The table is made anew with the JSON as its last column: SQLite reads
/// a row's columns in order, and a column after the JSON would make every sum walk the JSON's overflow pages. Its
/// rows go, and the marker of the first fill with them: the next start fills every ticket's facts again
/// (`KpiFactsStore.fillOnce`).
struct M022_KpiFactColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KpiFactRows.table).delete()
        var table = database.schema(KpiFactRows.table)
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
            .field("definitions_version", .string, .required)
            .field("computed_at", .datetime, .required)
        for column in KpiFactColumns.all {
            switch column.kind {
            case .instant: table = table.field(.string(column.name), .datetime)
            case .integer: table = table.field(.string(column.name), .int64)
            case .text: table = table.field(.string(column.name), .string)
            }
        }
        try await table.field("facts", .string, .required).create()
        let sql = try database.sql
        try await sql.create(index: "idx_kpi_facts_last_end").on(KpiFactRows.table).column("last_end_at").run()
        try await sql.create(index: "idx_kpi_facts_company_end").on(KpiFactRows.table).column("company_id")
            .column("last_end_at").run()
        try await database.schema(KpiFactColumns.breachTable)
            .field("ticket_id", .uuid, .required)
            .field("clock", .string, .required)
            .field("status_at_breach", .string, .required)
            .field("longest_status", .string, .required)
            .field("unassigned", .int64, .required)
            .create()
        try await sql.create(index: "idx_kpi_breaches_ticket").on(KpiFactColumns.breachTable).column("ticket_id").run()
        try await sql.raw("DELETE FROM counters WHERE name = 'kpi_facts'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KpiFactColumns.breachTable).delete()
    }
}
