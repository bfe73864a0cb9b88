import Foundation
import MendCore
import SQLKit
import Synchronization

/// The figures of a KPI query read from `kpi_daily`: the daily rows of each period, added up per period, priority
/// and type (what status time and logged time are given by), then summed in Swift. A few thousand rows for a year,
/// however many tickets it held. A test checks the figures equal those added up from the facts rows.
struct KpiDailyTotals {
    let sql: any SQLDatabase
    let zone: BusinessCalendar

    /// The figures of each of `periods` (which do not overlap), with the query's cuts; nil when the daily rows
    /// cannot answer: a cut by client or engineer, or a period that does not start and end at the MSP's midnights.
    /// The rows come in period order and each period is turned into figures as soon as its rows are in, so only
    /// one period's measured values are held at a time: a year's, all held at once beside their text, took the
    /// server past its memory target (BENCHMARKS.md).
    func figures(_ query: KpiQuery, periods: [KpiPeriod]) async throws -> [KpiFigures]? {
        guard query.companyID == nil, query.engineerID == nil, !periods.isEmpty else { return nil }
        var ranges: [Range<Int>] = []
        for period in periods {
            guard let range = days(period) else { return nil }
            ranges.append(range)
        }
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
        let from: SQLQueryString = "FROM \(unsafeRaw: table) f WHERE \(filters.joined(separator: " AND "))"

        var periodTotals = Array(repeating: Self.empty, count: periods.count)
        let breaches = try await sql.raw(
            """
            SELECT \(period) AS period, f.clock, f.status_at_breach, f.longest_status, f.unassigned,
            CAST(SUM(f.breaches) AS BIGINT) AS breaches FROM \(unsafeRaw: KpiDailyColumns.breachTable) f
            WHERE \(filters.joined(separator: " AND ")) GROUP BY 1, 2, 3, 4, 5
            """
        ).all()
        for row in breaches {
            periodTotals[try row.decode(column: "period", as: Int.self)].breaches.append(
                try KpiAggregates.breachGroup(row))
        }
        // How many values each list will hold, so each is made once at its size rather than grown by doubling.
        let counts = KpiFactColumns.measures.enumerated().map {
            "CAST(COALESCE(SUM(f.\(KpiDailyColumns.n($0.element))), 0) AS BIGINT) AS n\($0.offset)"
        }
        var sizes = Array(repeating: [Int](repeating: 0, count: counts.count), count: periods.count)
        let sized = try await sql.raw(
            "SELECT \(period) AS period, \(unsafeRaw: counts.joined(separator: ", ")) \(from) GROUP BY 1"
        ).all()
        for row in sized {
            let index = try row.decode(column: "period", as: Int.self)
            for column in counts.indices { sizes[index][column] = try row.decode(column: "n\(column)", as: Int.self) }
        }

        let sums = KpiDailyColumns.all.map { KpiDailyColumns.fromDaily(sql, $0, alias: "f") + " AS " + $0.name }
        let (finished, sink) = AsyncThrowingStream.makeStream(of: (index: Int, totals: KpiTotals).self)
        let reading = Task { [sql, periodTotals] in
            let assembly = Mutex(Assembly(totals: periodTotals, sizes: sizes))
            do {
                try await sql.raw(
                    """
                    SELECT \(period) AS period, f.priority, f.type, \(unsafeRaw: sums.joined(separator: ", "))
                    \(from) GROUP BY 1, 2, 3 ORDER BY 1
                    """
                ).run { row in assembly.withLock { $0.add(row, to: sink) } }
                try assembly.withLock { try $0.finish(to: sink) }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
        // Figures are computed here, off the database's event loop, while the next period's rows are read.
        var figures: [KpiFigures?] = Array(repeating: nil, count: periods.count)
        do {
            for try await (index, totals) in finished { figures[index] = KpiFigures(totals: totals) }
        } catch {
            reading.cancel()
            throw error
        }
        return figures.enumerated().map { $0.element ?? KpiFigures(totals: periodTotals[$0.offset]) }
    }

    /// Every measure and clock is there, if only with nothing, as the facts' single row gives them.
    private static let empty: KpiTotals = {
        var empty = KpiTotals()
        for measure in KpiFactColumns.measures { empty.measures[measure] = KpiTotals.Values() }
        for clock in SlaClockKind.allCases { empty.clocks[clock] = KpiTotals.ClockCounts() }
        return empty
    }()

    /// The period whose rows are coming in, handed on whole when the next one starts.
    private typealias Sink = AsyncThrowingStream<(index: Int, totals: KpiTotals), any Error>.Continuation

    private struct Assembly {
        /// Each period's totals; before its rows, its breaches.
        var totals: [KpiTotals]
        /// How many values each period's lists will hold, per measure.
        let sizes: [[Int]]
        var current: Int?
        var error: (any Error)?

        mutating func add(_ row: any SQLRow, to sink: Sink) {
            guard error == nil else { return }
            do {
                let index = try row.decode(column: "period", as: Int.self)
                if current != index {
                    if let current { hand(current, to: sink) }
                    current = index
                    for (column, measure) in KpiFactColumns.measures.enumerated() {
                        var values = KpiTotals.Values()
                        values.business.reserveCapacity(sizes[index][column])
                        values.wall.reserveCapacity(sizes[index][column])
                        values.paused.reserveCapacity(sizes[index][column])
                        totals[index].measures[measure] = values
                    }
                }
                try KpiDailyTotals.add(row, to: &totals[index])
            } catch {
                self.error = error
            }
        }

        mutating func finish(to sink: Sink) throws {
            if let error { throw error }
            if let current { hand(current, to: sink) }
        }

        /// Yields a period's totals and lets go of them here, so they are held once.
        private mutating func hand(_ index: Int, to sink: Sink) {
            let done = totals[index]
            totals[index] = KpiTotals()
            sink.yield((index, done))
        }
    }

    /// The days of a period, when it starts and ends at local midnights.
    private func days(_ period: KpiPeriod) -> Range<Int>? {
        guard let first = KpiDays.day(startingAt: period.start, zone: zone),
            let end = KpiDays.day(startingAt: period.end, zone: zone)
        else { return nil }
        return first..<end
    }

    /// One period's, priority's and type's sums, added to its totals.
    fileprivate static func add(_ row: any SQLRow, to totals: inout KpiTotals) throws {
        func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int?.self) ?? 0 }
        func values(_ name: String, into list: inout [Int]) throws {
            if let text = try row.decode(column: name, as: String?.self) { KpiAggregates.integers(text, into: &list) }
        }
        let priority = try StoredValue.read(
            Priority.self, try row.decode(column: "priority", as: String.self), column: "priority")
        for measure in KpiFactColumns.measures {
            // Appended where they lie: taking the list out of the dictionary first would copy it.
            try values(KpiDailyColumns.values(measure, "b"), into: &totals.measures[measure, default: .init()].business)
            try values(KpiDailyColumns.values(measure, "w"), into: &totals.measures[measure, default: .init()].wall)
            try values(KpiDailyColumns.values(measure, "p"), into: &totals.measures[measure, default: .init()].paused)
            let tickets = try int(KpiDailyColumns.n(measure))
            guard tickets > 0 else { continue }
            var entry = totals.statusTime[measure]?[priority] ?? KpiTotals.StatusTime()
            entry.tickets += tickets
            entry.total += try int(KpiDailyColumns.total(measure))
            entry.paused += try int(KpiDailyColumns.paused(measure))
            for status in TicketStatus.module {
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
