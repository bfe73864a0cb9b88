import Fluent
import MendCore
import SQLKit

/// The KPI facts as columns beside their JSON, and the breaches as rows, so `KpiAggregates` adds figures up in SQL
/// instead of decoding every ticket's facts. The rows are dropped and the marker of the first fill with them: the
/// next start fills every ticket's facts again, columns included (`KpiFactsStore.fillOnce`).
struct M022_KpiFactColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for column in KpiFactColumns.all {
            let builder = database.schema(KpiFactRows.table)
            switch column.kind {
            case .instant: try await builder.field(.string(column.name), .datetime).update()
            case .integer: try await builder.field(.string(column.name), .int64).update()
            case .text: try await builder.field(.string(column.name), .string).update()
            }
        }
        try await database.schema(KpiFactColumns.breachTable)
            .field("ticket_id", .uuid, .required)
            .field("clock", .string, .required)
            .field("status_at_breach", .string, .required)
            .field("longest_status", .string, .required)
            .field("unassigned", .int64, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "idx_kpi_breaches_ticket").on(KpiFactColumns.breachTable).column("ticket_id").run()
        // Each figure reads the rows whose anchor lies in the period, through the anchor's index.
        let anchors =
            KpiFactColumns.measures.map(KpiFactColumns.at) + SlaClockKind.allCases.map(KpiFactColumns.outcomeAt)
            + ["exited_at", "survey_sent_at"]
        for anchor in anchors {
            try await sql.create(index: "idx_kpi_facts_\(anchor)").on(KpiFactRows.table).column(anchor).run()
        }
        try await sql.raw("DELETE FROM ticket_kpi_facts").run()
        try await sql.raw("DELETE FROM counters WHERE name = 'kpi_facts'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KpiFactColumns.breachTable).delete()
        for column in KpiFactColumns.all {
            try await database.schema(KpiFactRows.table).deleteField(.string(column.name)).update()
        }
    }
}
