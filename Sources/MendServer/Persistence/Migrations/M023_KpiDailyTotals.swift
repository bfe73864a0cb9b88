import Fluent
import SQLKit

/// The KPI facts added up per MSP-local day (`KpiDaily`), so a year's figures read a few thousand daily rows
/// instead of every ticket's (and a cut by engineer finds its tickets by index): the daily rows and their breaches, the time zone they were built in, and the instants
/// whose days changed since (each facts write that changes a row records its old and new anchors).
struct M023_KpiDailyTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        var daily = database.schema(KpiDailyColumns.table)
            .field("day", .int64, .required)
            .field("priority", .string, .required)
            .field("channel", .string, .required)
            .field("type", .string)
            .field("queue_id", .uuid)
        for column in KpiDailyColumns.all {
            daily = daily.field(.string(column.name), column.isList ? .string : .int64)
        }
        try await daily.create()
        try await database.schema(KpiDailyColumns.breachTable)
            .field("day", .int64, .required)
            .field("priority", .string, .required)
            .field("channel", .string, .required)
            .field("type", .string)
            .field("queue_id", .uuid)
            .field("clock", .string, .required)
            .field("status_at_breach", .string, .required)
            .field("longest_status", .string, .required)
            .field("unassigned", .int64, .required)
            .field("breaches", .int64, .required)
            .create()
        try await database.schema(KpiDailyColumns.stateTable)
            .field("id", .int64, .identifier(auto: false))
            .field("time_zone", .string, .required)
            .create()
        try await database.schema(KpiDailyColumns.staleTable)
            .field("id", .uuid, .identifier(auto: false))
            .field("at", .datetime, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "idx_kpi_daily_day").on(KpiDailyColumns.table).column("day").run()
        try await sql.create(index: "idx_kpi_daily_breaches_day").on(KpiDailyColumns.breachTable).column("day").run()
        // A cut by engineer is added up from the facts rows of the tickets they resolved or were first given.
        for column in ["resolved_by", "first_assignee"] {
            try await sql.create(index: "idx_kpi_facts_\(column)").on(KpiFactRows.table).column(column)
                .column("last_end_at").run()
        }
        // A changed day is added up again from the rows anchored on it: each anchor needs its index.
        for anchor in KpiDailyColumns.anchors {
            try await sql.create(index: "idx_kpi_facts_\(anchor)").on(KpiFactRows.table).column(anchor).run()
        }
    }

    func revert(on database: any Database) async throws {
        for column in KpiDailyColumns.anchors + ["resolved_by", "first_assignee"] {
            try await database.sql.drop(index: "idx_kpi_facts_\(column)").run()
        }
        for table in [
            KpiDailyColumns.staleTable, KpiDailyColumns.stateTable, KpiDailyColumns.breachTable, KpiDailyColumns.table,
        ] {
            try await database.schema(table).delete()
        }
    }
}
