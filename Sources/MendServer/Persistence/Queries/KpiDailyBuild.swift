import Foundation
import MendCore
import SQLKit

/// Adds up the facts rows into `kpi_daily` for a run of MSP-local days, in SQL on SQLite and PostgreSQL alike: one
/// branch per anchor adds up the rows whose anchor falls on each day, per priority, channel, type and queue, and
/// the branches are summed into one row per day and cut; those rows are summed again per day, priority and type
/// into `kpi_daily_all`. The day of an instant comes from `KpiDays.segments`, since
/// neither database is told the MSP's time zone.
enum KpiDailyBuild {
    /// Replaces the daily rows of `days`; `everything` says the run covers every facts row, which a table scan reads
    /// faster than each anchor's index.
    static func build(days: ClosedRange<Int>, zone: BusinessCalendar, everything: Bool = false, on sql: any SQLDatabase)
        async throws
    {
        let start = KpiDays.start(of: days.lowerBound, zone: zone)
        let end = KpiDays.start(of: days.upperBound + 1, zone: zone)
        let segments = KpiDays.segments(from: days.lowerBound, through: days.upperBound, zone: zone)
        for table in [KpiDailyColumns.table, KpiDailyColumns.allTable, KpiDailyColumns.breachTable] {
            try await sql.raw(
                "DELETE FROM \(unsafeRaw: table) WHERE day >= \(bind: days.lowerBound) AND day <= \(bind: days.upperBound)"
            ).run()
        }
        let facts = everything && sql.dialect.name == "sqlite" ? "ticket_kpi_facts f NOT INDEXED" : "ticket_kpi_facts f"
        func within(_ anchor: String) -> SQLQueryString {
            "f.\(unsafeRaw: anchor) >= \(bind: start) AND f.\(unsafeRaw: anchor) < \(bind: end)"
        }
        var branches: [SQLQueryString] = []
        for anchor in KpiDailyColumns.anchors {
            let values = KpiDailyColumns.all.map { column in
                column.anchor == anchor
                    ? KpiDailyColumns.fromFacts(sql, column) + " AS " + column.name
                    : "CAST(NULL AS \(column.isList ? "TEXT" : "BIGINT")) AS \(column.name)"
            }
            branches.append(
                """
                SELECT \(day(anchor, segments, sql)) AS day, f.priority, f.channel, f.type, f.queue_id,
                \(unsafeRaw: values.joined(separator: ", ")) FROM \(unsafeRaw: facts) WHERE \(within(anchor))
                GROUP BY 1, 2, 3, 4, 5
                """)
        }
        let names = KpiDailyColumns.all.map(\.name).joined(separator: ", ")
        let sums = KpiDailyColumns.all.map { KpiDailyColumns.fromDaily(sql, $0, alias: "u") }.joined(separator: ", ")
        try await sql.raw(
            """
            INSERT INTO \(unsafeRaw: KpiDailyColumns.table) (day, priority, channel, type, queue_id, \(unsafeRaw: names))
            SELECT u.day, u.priority, u.channel, u.type, u.queue_id, \(unsafeRaw: sums)
            FROM (\(branches.joined(separator: " UNION ALL "))) u GROUP BY u.day, u.priority, u.channel, u.type, u.queue_id
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO \(unsafeRaw: KpiDailyColumns.allTable) (day, priority, type, \(unsafeRaw: names))
            SELECT d.day, d.priority, d.type,
            \(unsafeRaw: KpiDailyColumns.all.map { KpiDailyColumns.fromDaily(sql, $0, alias: "d") }.joined(separator: ", "))
            FROM \(unsafeRaw: KpiDailyColumns.table) d
            WHERE d.day >= \(bind: days.lowerBound) AND d.day <= \(bind: days.upperBound) GROUP BY d.day, d.priority, d.type
            """
        ).run()
        for clock in KpiFactColumns.measures {
            let at = KpiFactColumns.outcomeAt(clock)
            try await sql.raw(
                """
                INSERT INTO \(unsafeRaw: KpiDailyColumns.breachTable) (day, priority, channel, type, queue_id, clock,
                status_at_breach, longest_status, unassigned, breaches)
                SELECT \(day(at, segments, sql)), f.priority, f.channel, f.type, f.queue_id, b.clock, b.status_at_breach,
                b.longest_status, b.unassigned, CAST(COUNT(*) AS BIGINT)
                FROM \(unsafeRaw: KpiFactColumns.breachTable) b JOIN ticket_kpi_facts f ON f.ticket_id = b.ticket_id
                WHERE b.clock = \(bind: clock.rawValue) AND \(within(at)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
                """
            ).run()
        }
    }

    /// The MSP-local day of a facts instant, piece by piece.
    static func day(_ column: String, _ segments: [KpiDays.Segment], _ sql: any SQLDatabase) -> SQLQueryString {
        let postgres = sql.dialect.name == "postgresql"
        let seconds = postgres ? "EXTRACT(EPOCH FROM f.\(column))" : "f.\(column)"
        var cases: [SQLQueryString] = []
        for segment in segments {
            let day =
                segment.day.map(String.init)
                ?? (postgres
                    ? "CAST(FLOOR((\(seconds) + \(segment.offset)) / 86400) AS BIGINT)"
                    : "CAST((\(seconds) + \(segment.offset)) / 86400.0 AS INTEGER)")
            cases.append("WHEN f.\(unsafeRaw: column) < \(bind: segment.until) THEN \(unsafeRaw: day)")
        }
        return "CASE \(cases.joined(separator: " ")) END"
    }
}
