import Foundation
import MendCore
import SQLKit

/// The totals of a KPI query read from `kpi_daily`: the daily rows of both periods, added up per period, priority
/// and type (what status time and logged time are given by), then summed in Swift. A few thousand rows for a year,
/// however many tickets it held. A test checks the totals equal `KpiAggregates`' over the facts rows.
struct KpiDailyTotals {
    let sql: any SQLDatabase
    let zone: BusinessCalendar

    /// The totals of each of `periods` (which do not overlap), with the query's cuts; nil when the daily rows cannot
    /// answer: a cut by client or engineer, or a period that does not start and end at the MSP's midnights.
    func totals(_ query: KpiQuery, periods: [KpiPeriod]) async throws -> [KpiTotals]? {
        guard query.companyID == nil, query.engineerID == nil, !periods.isEmpty else { return nil }
        var ranges: [Range<Int>] = []
        for period in periods {
            guard let range = days(period) else { return nil }
            ranges.append(range)
        }
        var empty = KpiTotals()
        // Every measure and clock is there, if only with nothing, as the facts' single row gives them.
        for measure in KpiFactColumns.measures { empty.measures[measure] = KpiTotals.Values() }
        for clock in SlaClockKind.allCases { empty.clocks[clock] = KpiTotals.ClockCounts() }
        var totals = Array(repeating: empty, count: periods.count)
        func within(_ range: Range<Int>) -> SQLQueryString {
            "(f.day >= \(bind: range.lowerBound) AND f.day < \(bind: range.upperBound))"
        }
        let cases = ranges.enumerated().map {
            "WHEN \(within($0.element)) THEN \(unsafeRaw: String($0.offset))" as SQLQueryString
        }
        let period: SQLQueryString = "CASE \(cases.joined(separator: " ")) END"
        let filters =
            ["(\(ranges.map(within).joined(separator: " OR ")))" as SQLQueryString] + KpiReads.cutFilters(query)
        // Unless cut by source or queue, the rows per day, priority and type alone are enough.
        let table = query.channel == nil && query.queueID == nil ? KpiDailyColumns.allTable : KpiDailyColumns.table
        let sums = KpiDailyColumns.all.map { KpiDailyColumns.fromDaily(sql, $0, alias: "f") + " AS " + $0.name }
        let rows = try await sql.raw(
            """
            SELECT \(period) AS period, f.priority, f.type, \(unsafeRaw: sums.joined(separator: ", "))
            FROM \(unsafeRaw: table) f WHERE \(filters.joined(separator: " AND ")) GROUP BY 1, 2, 3
            """
        ).all()
        for row in rows {
            try add(row, to: &totals[try row.decode(column: "period", as: Int.self)])
        }
        let breaches = try await sql.raw(
            """
            SELECT \(period) AS period, f.clock, f.status_at_breach, f.longest_status, f.unassigned,
            CAST(SUM(f.breaches) AS BIGINT) AS breaches FROM \(unsafeRaw: KpiDailyColumns.breachTable) f
            WHERE \(filters.joined(separator: " AND ")) GROUP BY 1, 2, 3, 4, 5
            """
        ).all()
        for row in breaches {
            totals[try row.decode(column: "period", as: Int.self)].breaches.append(try KpiAggregates.breachGroup(row))
        }
        return totals
    }

    /// The days of a period, when it starts and ends at local midnights.
    private func days(_ period: KpiPeriod) -> Range<Int>? {
        guard let first = KpiDays.day(startingAt: period.start, zone: zone),
            let end = KpiDays.day(startingAt: period.end, zone: zone)
        else { return nil }
        return first..<end
    }

    /// One period's, priority's and type's sums, added to its totals.
    private func add(_ row: any SQLRow, to totals: inout KpiTotals) throws {
        func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int?.self) ?? 0 }
        func values(_ name: String) throws -> [Int] {
            try row.decode(column: name, as: String?.self).map(KpiAggregates.integers) ?? []
        }
        let priority = try StoredValue.read(
            Priority.self, try row.decode(column: "priority", as: String.self), column: "priority")
        for measure in KpiFactColumns.measures {
            var measured = totals.measures[measure] ?? KpiTotals.Values()
            measured.business += try values(KpiDailyColumns.values(measure, "b"))
            measured.wall += try values(KpiDailyColumns.values(measure, "w"))
            measured.paused += try values(KpiDailyColumns.values(measure, "p"))
            totals.measures[measure] = measured
            let tickets = try int(KpiDailyColumns.n(measure))
            guard tickets > 0 else { continue }
            var entry = totals.statusTime[measure]?[priority] ?? KpiTotals.StatusTime()
            entry.tickets += tickets
            entry.total += try int(KpiDailyColumns.total(measure))
            entry.paused += try int(KpiDailyColumns.paused(measure))
            for status in TicketStatus.allCases {
                entry.byStatus[status, default: 0] += try int(KpiFactColumns.status(measure, status))
            }
            totals.statusTime[measure, default: [:]][priority] = entry
        }
        let resolved = try int("resolved")
        totals.resolved += resolved
        totals.resolvedAgain += try int("resolved_again")
        totals.fcrJudged += try int("fcr_judged")
        totals.fcrYes += try int("fcr_yes")
        totals.reopened += try int("reopened")
        totals.linkedFollowUps += try int("linked")
        totals.leftTier2 += try int("left_tier2")
        totals.surveyed += try int("surveyed")
        for rating in Survey.ratings {
            let answers = try int(KpiDailyColumns.rating(rating))
            if answers > 0 { totals.ratings[rating, default: 0] += answers }
        }
        for clock in SlaClockKind.allCases {
            var counts = totals.clocks[clock] ?? KpiTotals.ClockCounts()
            counts.met += try int(KpiDailyColumns.clock(clock, "met"))
            counts.breached += try int(KpiDailyColumns.clock(clock, "breached"))
            counts.transferred += try int(KpiDailyColumns.clock(clock, "transferred"))
            counts.notMeasured += try int(KpiDailyColumns.clock(clock, "not_measured"))
            totals.clocks[clock] = counts
        }
        if resolved > 0 {
            let type = try row.decode(column: "type", as: String?.self)
            var logged = totals.logged[type] ?? KpiTotals.Logged()
            logged.tickets += resolved
            logged.minutes += try int("logged_total")
            for work in WorkType.allCases {
                logged.byWork[work, default: 0] += try int(KpiFactColumns.logged(work))
            }
            totals.logged[type] = logged
        }
    }
}
