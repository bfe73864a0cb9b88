import Fluent
import Foundation
import MendCore
import SQLKit

/// Adds up the KPI figures of a query in SQL, on SQLite and PostgreSQL alike: counts and sums over the facts
/// columns (M022), and the measured values as one list per measure, which percentiles need. MendCore's
/// `KpiFigures(totals:)` turns them into figures; a test checks they equal `KpiFigures(rows:period:)`.
/// One pass over the rows with an end in either period does most of it. Reading each figure's rows through its own
/// anchor's index instead (a query per measure, clock, exit and survey) was measured slower, on both databases, for
/// a year (BENCHMARKS.md): such a range holds most rows, and each index hit costs a seek into the table.
struct KpiAggregates {
    let db: any Database

    /// The totals of the query's period and of the one before.
    func totals(_ query: KpiQuery) async throws -> (current: KpiTotals, previous: KpiTotals) {
        let sql = try db.sql
        let periods = [query.period, query.previous]
        var totals = [KpiTotals(), KpiTotals()]
        let span: SQLQueryString =
            "f.last_end_at >= \(bind: query.previous.start) AND f.first_end_at < \(bind: query.period.end)"
        let cuts = ([span] + KpiReads.cutFilters(query)).joined(separator: " AND ")
        try await main(sql, cuts: cuts, periods: periods, into: &totals)
        try await logged(sql, cuts: cuts, periods: periods, into: &totals)
        for measure in KpiFactColumns.measures {
            try await statusTime(sql, measure: measure, cuts: cuts, periods: periods, into: &totals)
        }
        try await breaches(sql, cuts: cuts, periods: periods, into: &totals)
        return (totals[0], totals[1])
    }

    private func within(_ column: String, _ period: KpiPeriod) -> SQLQueryString {
        "(f.\(unsafeRaw: column) >= \(bind: period.start) AND f.\(unsafeRaw: column) < \(bind: period.end))"
    }

    private func count(_ condition: SQLQueryString, as name: String) -> SQLQueryString {
        "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS BIGINT) AS \(unsafeRaw: name)"
    }

    /// The values of `column` where `condition` holds, as one comma-separated text.
    private func list(_ sql: any SQLDatabase, _ condition: SQLQueryString, _ column: String, as name: String)
        -> SQLQueryString
    {
        let value: SQLQueryString = "CASE WHEN \(condition) THEN f.\(unsafeRaw: column) END"
        return sql.dialect.name == "postgresql"
            ? "string_agg(CAST(\(value) AS TEXT), ',') AS \(unsafeRaw: name)"
            : "group_concat(\(value)) AS \(unsafeRaw: name)"
    }

    /// One pass over the cut's rows: the measured values, the clocks, first contact, reopens and the survey.
    private func main(_ sql: any SQLDatabase, cuts: SQLQueryString, periods: [KpiPeriod], into totals: inout [KpiTotals])
        async throws
    {
        var selects: [SQLQueryString] = []
        for (index, period) in periods.enumerated() {
            let resolved = within(KpiFactColumns.at(.resolution), period)
            for measure in KpiFactColumns.measures {
                let ended = within(KpiFactColumns.at(measure), period)
                selects.append(list(sql, ended, KpiFactColumns.business(measure), as: "p\(index)_\(measure.rawValue)_b"))
                selects.append(list(sql, ended, KpiFactColumns.wall(measure), as: "p\(index)_\(measure.rawValue)_w"))
                selects.append(list(sql, ended, KpiFactColumns.paused(measure), as: "p\(index)_\(measure.rawValue)_p"))
            }
            selects.append(count("\(resolved) AND f.resolutions > 1", as: "p\(index)_again"))
            for clock in SlaClockKind.allCases {
                let ended = within(KpiFactColumns.outcomeAt(clock), period)
                let outcome = "f." + KpiFactColumns.outcome(clock)
                for kind in ["met", "breached", "transferred"] {
                    selects.append(
                        count("\(ended) AND \(unsafeRaw: outcome) = \(bind: kind)", as: "p\(index)_\(clock.rawValue)_\(kind)"))
                }
                selects.append(
                    count(
                        "\(resolved) AND (\(unsafeRaw: outcome) IS NULL OR \(unsafeRaw: outcome) = 'not_measured')",
                        as: "p\(index)_\(clock.rawValue)_not_measured"))
            }
            selects.append(count("\(resolved) AND f.fcr IS NOT NULL", as: "p\(index)_fcr_judged"))
            selects.append(count("\(resolved) AND f.fcr = 1", as: "p\(index)_fcr_yes"))
            selects.append(count(within("exited_at", period), as: "p\(index)_left"))
            selects.append(count(resolved, as: "p\(index)_resolved"))
            selects.append(count("\(resolved) AND f.reopened = 1", as: "p\(index)_reopened"))
            selects.append(count("\(resolved) AND f.linked_follow_ups > 0", as: "p\(index)_linked"))
            let surveyed = within("survey_sent_at", period)
            selects.append(count(surveyed, as: "p\(index)_surveyed"))
            for rating in Survey.ratings {
                selects.append(count("\(surveyed) AND f.rating = \(bind: rating)", as: "p\(index)_rating_\(rating)"))
            }
        }
        guard
            let row = try await sql.raw(
                "SELECT \(selects.joined(separator: ", ")) FROM ticket_kpi_facts f WHERE \(cuts)"
            ).first()
        else { return }
        func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int?.self) ?? 0 }
        func values(_ name: String) throws -> [Int] {
            guard let text = try row.decode(column: name, as: String?.self) else { return [] }
            return Self.integers(text)
        }
        for index in periods.indices {
            for measure in KpiFactColumns.measures {
                var measured = KpiTotals.Values()
                measured.business = try values("p\(index)_\(measure.rawValue)_b")
                measured.wall = try values("p\(index)_\(measure.rawValue)_w")
                measured.paused = try values("p\(index)_\(measure.rawValue)_p")
                totals[index].measures[measure] = measured
            }
            totals[index].resolvedAgain = try int("p\(index)_again")
            for clock in SlaClockKind.allCases {
                var counts = KpiTotals.ClockCounts()
                counts.met = try int("p\(index)_\(clock.rawValue)_met")
                counts.breached = try int("p\(index)_\(clock.rawValue)_breached")
                counts.transferred = try int("p\(index)_\(clock.rawValue)_transferred")
                counts.notMeasured = try int("p\(index)_\(clock.rawValue)_not_measured")
                totals[index].clocks[clock] = counts
            }
            totals[index].fcrJudged = try int("p\(index)_fcr_judged")
            totals[index].fcrYes = try int("p\(index)_fcr_yes")
            totals[index].leftTier2 = try int("p\(index)_left")
            totals[index].resolved = try int("p\(index)_resolved")
            totals[index].reopened = try int("p\(index)_reopened")
            totals[index].linkedFollowUps = try int("p\(index)_linked")
            totals[index].surveyed = try int("p\(index)_surveyed")
            for rating in Survey.ratings {
                let answers = try int("p\(index)_rating_\(rating)")
                if answers > 0 { totals[index].ratings[rating] = answers }
            }
        }
    }

    /// Which of the periods `column` falls in, as 0 or 1 (rows in neither are filtered out by the caller).
    private func periodOf(_ column: String, _ periods: [KpiPeriod]) -> SQLQueryString {
        "CASE WHEN \(within(column, periods[0])) THEN 0 ELSE 1 END"
    }

    private func inEither(_ column: String, _ periods: [KpiPeriod]) -> SQLQueryString {
        "(\(within(column, periods[0])) OR \(within(column, periods[1])))"
    }

    /// Minutes logged on the resolved tickets, by ticket type.
    private func logged(
        _ sql: any SQLDatabase, cuts: SQLQueryString, periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        let resolvedAt = KpiFactColumns.at(.resolution)
        let works = WorkType.allCases.map { "CAST(COALESCE(SUM(f.\(KpiFactColumns.logged($0))), 0) AS BIGINT) AS \($0.rawValue)" }
        let rows = try await sql.raw(
            """
            SELECT f.type, \(periodOf(resolvedAt, periods)) AS period, COUNT(*) AS tickets,
            CAST(COALESCE(SUM(f.logged_total), 0) AS BIGINT) AS minutes, \(unsafeRaw: works.joined(separator: ", "))
            FROM ticket_kpi_facts f WHERE \(cuts) AND \(inEither(resolvedAt, periods)) GROUP BY f.type, 2
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "period", as: Int.self)
            var logged = KpiTotals.Logged()
            logged.tickets = try row.decode(column: "tickets", as: Int.self)
            logged.minutes = try row.decode(column: "minutes", as: Int.self)
            for work in WorkType.allCases { logged.byWork[work] = try row.decode(column: work.rawValue, as: Int.self) }
            totals[index].logged[try row.decode(column: "type", as: String?.self)] = logged
        }
    }

    /// One measure's business time by status, per priority.
    private func statusTime(
        _ sql: any SQLDatabase, measure: SlaClockKind, cuts: SQLQueryString, periods: [KpiPeriod],
        into totals: inout [KpiTotals]
    ) async throws {
        let at = KpiFactColumns.at(measure)
        let statuses = TicketStatus.module.map {
            "CAST(COALESCE(SUM(f.\(KpiFactColumns.status(measure, $0))), 0) AS BIGINT) AS s_\($0.rawValue)"
        }
        let rows = try await sql.raw(
            """
            SELECT f.priority, \(periodOf(at, periods)) AS period, COUNT(*) AS tickets,
            CAST(COALESCE(SUM(f.\(unsafeRaw: KpiFactColumns.business(measure))), 0) AS BIGINT) AS total,
            CAST(COALESCE(SUM(f.\(unsafeRaw: KpiFactColumns.paused(measure))), 0) AS BIGINT) AS paused,
            \(unsafeRaw: statuses.joined(separator: ", "))
            FROM ticket_kpi_facts f WHERE \(cuts) AND \(inEither(at, periods)) GROUP BY f.priority, 2
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "period", as: Int.self)
            let priority = try StoredValue.read(
                Priority.self, try row.decode(column: "priority", as: String.self), column: "priority")
            var entry = KpiTotals.StatusTime()
            entry.tickets = try row.decode(column: "tickets", as: Int.self)
            entry.total = try row.decode(column: "total", as: Int.self)
            entry.paused = try row.decode(column: "paused", as: Int.self)
            for status in TicketStatus.module {
                entry.byStatus[status] = try row.decode(column: "s_\(status.rawValue)", as: Int.self)
            }
            totals[index].statusTime[measure, default: [:]][priority] = entry
        }
    }

    /// The breaches of the clocks that ended in each period, grouped by their causes.
    private func breaches(
        _ sql: any SQLDatabase, cuts: SQLQueryString, periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        var whens: [SQLQueryString] = []
        var either: [SQLQueryString] = []
        for clock in KpiFactColumns.measures {
            let at = KpiFactColumns.outcomeAt(clock)
            whens.append("WHEN b.clock = \(bind: clock.rawValue) THEN \(periodOf(at, periods))")
            either.append("(b.clock = \(bind: clock.rawValue) AND \(inEither(at, periods)))")
        }
        let rows = try await sql.raw(
            """
            SELECT b.clock, b.status_at_breach, b.longest_status, b.unassigned,
            CASE \(whens.joined(separator: " ")) END AS period, COUNT(*) AS breaches
            FROM \(unsafeRaw: KpiFactColumns.breachTable) b JOIN ticket_kpi_facts f ON f.ticket_id = b.ticket_id
            WHERE \(cuts) AND (\(either.joined(separator: " OR ")))
            GROUP BY b.clock, b.status_at_breach, b.longest_status, b.unassigned, 5
            """
        ).all()
        for row in rows {
            totals[try row.decode(column: "period", as: Int.self)].breaches.append(try Self.breachGroup(row))
        }
    }

    /// One row of breaches grouped by clock and causes, with their count as `breaches`.
    static func breachGroup(_ row: any SQLRow) throws -> KpiTotals.BreachGroup {
        KpiTotals.BreachGroup(
            clock: try StoredValue.read(SlaClockKind.self, try row.decode(column: "clock", as: String.self), column: "clock"),
            statusAtBreach: try StoredValue.read(
                TicketStatus.self, try row.decode(column: "status_at_breach", as: String.self), column: "status_at_breach"),
            longestStatus: try StoredValue.read(
                TicketStatus.self, try row.decode(column: "longest_status", as: String.self), column: "longest_status"),
            unassigned: try row.decode(column: "unassigned", as: Int.self) != 0,
            count: try row.decode(column: "breaches", as: Int.self))
    }

    /// The integers of a comma-separated text, read byte by byte: a year of a large MSP is a million of them.
    static func integers(_ text: String) -> [Int] {
        var result: [Int] = []
        integers(text, into: &result)
        return result
    }

    /// The integers of a comma-separated text, appended to `result`.
    static func integers(_ text: String, into result: inout [Int]) {
        var value = 0
        var negative = false
        var inNumber = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                inNumber = true
            case UInt8(ascii: "-"):
                negative = true
            default:
                if inNumber { result.append(negative ? -value : value) }
                value = 0
                negative = false
                inNumber = false
            }
        }
        if inNumber { result.append(negative ? -value : value) }
    }
}
