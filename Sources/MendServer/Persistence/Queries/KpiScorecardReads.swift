import Fluent
import Foundation
import MendCore
import SQLKit

/// The engineer scorecard of the reports page, added up in SQL: per engineer, the tickets they resolved in the
/// period (found by the resolution's index), with what the scorecard shows of them. MendCore's
/// `KpiFigures(totals:)` turns each into figures, so they follow the same definitions as the rest of the report.
struct KpiScorecardReads {
    let db: any Database

    struct Entry {
        var engineerID: UUID
        var name: String?
        /// Only what the scorecard shows: resolution times, first contact, reopens, the resolution clock, surveys.
        var totals: KpiTotals
        var loggedMinutes: Int
    }

    func entries(_ query: KpiQuery) async throws -> [Entry] {
        let sql = try db.sql
        let period = query.period
        func within(_ column: String) -> SQLQueryString {
            "f.\(unsafeRaw: column) >= \(bind: period.start) AND f.\(unsafeRaw: column) < \(bind: period.end)"
        }
        func count(_ condition: SQLQueryString, as name: String) -> SQLQueryString {
            "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS BIGINT) AS \(unsafeRaw: name)"
        }
        let outcome = "f." + KpiFactColumns.outcome(.resolution)
        let clockEnded = within(KpiFactColumns.outcomeAt(.resolution))
        let surveyed = within("survey_sent_at")
        var selects: [SQLQueryString] = [
            "f.resolved_by", "u.name", "CAST(COUNT(*) AS BIGINT) AS resolved",
            "\(unsafeRaw: KpiDailyColumns.list(sql, KpiFactColumns.business(.resolution))) AS times",
            count("f.fcr IS NOT NULL", as: "fcr_judged"), count("f.fcr = 1", as: "fcr_yes"),
            count("f.reopened = 1", as: "reopened"),
            count("\(clockEnded) AND \(unsafeRaw: outcome) = 'met'", as: "met"),
            count("\(clockEnded) AND \(unsafeRaw: outcome) = 'breached'", as: "breached"),
            count(surveyed, as: "surveyed"),
            "CAST(COALESCE(SUM(f.logged_total), 0) AS BIGINT) AS minutes",
        ]
        for rating in Survey.ratings {
            selects.append(count("\(surveyed) AND f.rating = \(bind: rating)", as: "rating_\(rating)"))
        }
        let filters: [SQLQueryString] =
            [within(KpiFactColumns.at(.resolution)), "f.resolved_by IS NOT NULL"] + KpiReads.cutFilters(query)
        let rows = try await sql.raw(
            """
            SELECT \(selects.joined(separator: ", ")) FROM ticket_kpi_facts f LEFT JOIN users u ON u.id = f.resolved_by
            WHERE \(filters.joined(separator: " AND ")) GROUP BY f.resolved_by, u.name
            """
        ).all()
        return try rows.map { row in
            func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int.self) }
            var totals = KpiTotals()
            var times = KpiTotals.Values()
            times.business = try row.decode(column: "times", as: String?.self).map(KpiAggregates.integers) ?? []
            totals.measures[.resolution] = times
            totals.resolved = try int("resolved")
            totals.fcrJudged = try int("fcr_judged")
            totals.fcrYes = try int("fcr_yes")
            totals.reopened = try int("reopened")
            var clock = KpiTotals.ClockCounts()
            clock.met = try int("met")
            clock.breached = try int("breached")
            totals.clocks[.resolution] = clock
            totals.surveyed = try int("surveyed")
            for rating in Survey.ratings {
                let answers = try int("rating_\(rating)")
                if answers > 0 { totals.ratings[rating] = answers }
            }
            return Entry(
                engineerID: try row.decode(column: "resolved_by", as: UUID.self),
                name: try row.decode(column: "name", as: String?.self), totals: totals, loggedMinutes: try int("minutes"))
        }
    }
}
