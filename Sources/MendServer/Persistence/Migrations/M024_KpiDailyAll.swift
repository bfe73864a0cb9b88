import Fluent
import SQLKit

/// The daily KPI totals again per day, priority and type only (`kpi_daily_all`): what a report with no cut, or cut
/// by priority or type, reads, a tenth of the rows of the totals kept per source and queue as well. The daily
/// totals are forgotten, so the next refresh adds both up.
struct M024_KpiDailyAll: AsyncMigration {
    func prepare(on database: any Database) async throws {
        var table = database.schema(KpiDailyColumns.allTable)
            .field("day", .int64, .required)
            .field("priority", .string, .required)
            .field("type", .string)
        for column in KpiDailyColumns.all {
            table = table.field(.string(column.name), column.isList ? .string : .int64)
        }
        try await table.create()
        let sql = try database.sql
        try await sql.create(index: "idx_kpi_daily_all_day").on(KpiDailyColumns.allTable).column("day").run()
        try await sql.raw("DELETE FROM \(unsafeRaw: KpiDailyColumns.stateTable)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KpiDailyColumns.allTable).delete()
    }
}
