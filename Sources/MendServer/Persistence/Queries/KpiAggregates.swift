import Fluent
import Foundation
import MendCore
import SQLKit

/// Adds up the KPI figures of a query in SQL, on SQLite and PostgreSQL alike, over the facts columns (M022). Each
/// query reads only the rows whose anchor (a measure's end, a clock's outcome, the exit, the survey) lies in the
/// period or the one before, through that anchor's index; the measured values come back as one list per measure,
/// which percentiles need. MendCore's `KpiFigures(totals:)` turns the totals into figures, and a test checks they
/// equal `KpiFigures(rows:period:)`.
struct KpiAggregates {
    let db: any Database

    /// The totals of the query's period and of the one before.
    func totals(_ query: KpiQuery) async throws -> (current: KpiTotals, previous: KpiTotals) {
        let sql = try db.sql
        let periods = [query.period, query.previous]
        var totals = [KpiTotals(), KpiTotals()]
        let cuts = KpiReads.cutFilters(query)
        for measure in KpiFactColumns.measures {
            try await self.measure(measure, sql, cuts: cuts, periods: periods, into: &totals)
        }
        try await logged(sql, cuts: cuts, periods: periods, into: &totals)
        for clock in SlaClockKind.allCases {
            try await outcomes(clock, sql, cuts: cuts, periods: periods, into: &totals)
        }
        try await exits(sql, cuts: cuts, periods: periods, into: &totals)
        try await surveys(sql, cuts: cuts, periods: periods, into: &totals)
        try await breaches(sql, cuts: cuts, periods: periods, into: &totals)
        return (totals[0], totals[1])
    }

    private func within(_ column: String, _ period: KpiPeriod) -> SQLQueryString {
        "(f.\(unsafeRaw: column) >= \(bind: period.start) AND f.\(unsafeRaw: column) < \(bind: period.end))"
    }

    /// The rows whose `anchor` lies in either period, with the cuts: the anchor's index finds them.
    private func anchored(_ anchor: String, _ periods: [KpiPeriod], _ cuts: [SQLQueryString]) -> SQLQueryString {
        let span: SQLQueryString =
            "f.\(unsafeRaw: anchor) >= \(bind: periods[1].start) AND f.\(unsafeRaw: anchor) < \(bind: periods[0].end)"
        let either: SQLQueryString = "(\(within(anchor, periods[0])) OR \(within(anchor, periods[1])))"
        return ([span, either] + cuts).joined(separator: " AND ")
    }

    /// Which period the row's `anchor` is in: 0 the query's, 1 the one before.
    private func periodOf(_ anchor: String, _ periods: [KpiPeriod]) -> SQLQueryString {
        "CASE WHEN \(within(anchor, periods[0])) THEN 0 ELSE 1 END"
    }

    private func sum(_ expression: String, as name: String) -> String {
        "CAST(COALESCE(SUM(\(expression)), 0) AS BIGINT) AS \(name)"
    }

    private func count(_ condition: String, as name: String) -> String {
        sum("CASE WHEN \(condition) THEN 1 ELSE 0 END", as: name)
    }

    /// The values of `column`, as one comma-separated text.
    private func list(_ sql: any SQLDatabase, _ column: String, as name: String) -> String {
        sql.dialect.name == "postgresql"
            ? "string_agg(CAST(f.\(column) AS TEXT), ',') AS \(name)" : "group_concat(f.\(column)) AS \(name)"
    }

    /// One measure per period and priority: its values, its time by status, and for the resolution the judgements
    /// of the resolved tickets (again, first contact, reopens, clocks not measured).
    private func measure(
        _ measure: SlaClockKind, _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod],
        into totals: inout [KpiTotals]
    ) async throws {
        let at = KpiFactColumns.at(measure)
        var selects = [
            "COUNT(*) AS tickets", list(sql, KpiFactColumns.business(measure), as: "b"),
            list(sql, KpiFactColumns.wall(measure), as: "w"), list(sql, KpiFactColumns.paused(measure), as: "p"),
            sum("f." + KpiFactColumns.business(measure), as: "total"),
            sum("f." + KpiFactColumns.paused(measure), as: "paused"),
        ]
        selects += TicketStatus.allCases.map { sum("f." + KpiFactColumns.status(measure, $0), as: "s_\($0.rawValue)") }
        let resolution = measure == .resolution
        if resolution {
            selects += [
                count("f.resolutions > 1", as: "again"), count("f.fcr IS NOT NULL", as: "fcr_judged"),
                count("f.fcr = 1", as: "fcr_yes"), count("f.reopened = 1", as: "reopened"),
                count("f.linked_follow_ups > 0", as: "linked"),
            ]
            for clock in SlaClockKind.allCases {
                let outcome = "f." + KpiFactColumns.outcome(clock)
                selects.append(
                    count("\(outcome) IS NULL OR \(outcome) = 'not_measured'", as: "nm_\(clock.rawValue)"))
            }
        }
        let rows = try await sql.raw(
            """
            SELECT \(periodOf(at, periods)) AS period, f.priority, \(unsafeRaw: selects.joined(separator: ", "))
            FROM ticket_kpi_facts f WHERE \(anchored(at, periods, cuts)) GROUP BY 1, f.priority
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "period", as: Int.self)
            func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int.self) }
            func values(_ name: String) throws -> [Int] {
                try row.decode(column: name, as: String?.self).map(Self.integers) ?? []
            }
            var measured = totals[index].measures[measure] ?? KpiTotals.Values()
            measured.business += try values("b")
            measured.wall += try values("w")
            measured.paused += try values("p")
            totals[index].measures[measure] = measured
            var entry = KpiTotals.StatusTime()
            entry.tickets = try int("tickets")
            entry.total = try int("total")
            entry.paused = try int("paused")
            for status in TicketStatus.allCases { entry.byStatus[status] = try int("s_\(status.rawValue)") }
            let priority = try StoredValue.read(
                Priority.self, try row.decode(column: "priority", as: String.self), column: "priority")
            totals[index].statusTime[measure, default: [:]][priority] = entry
            guard resolution else { continue }
            totals[index].resolved += entry.tickets
            totals[index].resolvedAgain += try int("again")
            totals[index].fcrJudged += try int("fcr_judged")
            totals[index].fcrYes += try int("fcr_yes")
            totals[index].reopened += try int("reopened")
            totals[index].linkedFollowUps += try int("linked")
            for clock in SlaClockKind.allCases {
                totals[index].clocks[clock, default: KpiTotals.ClockCounts()].notMeasured += try int("nm_\(clock.rawValue)")
            }
        }
    }

    /// Minutes logged on the resolved tickets, by ticket type.
    private func logged(
        _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        let at = KpiFactColumns.at(.resolution)
        let works = WorkType.allCases.map { sum("f." + KpiFactColumns.logged($0), as: $0.rawValue) }
        let rows = try await sql.raw(
            """
            SELECT \(periodOf(at, periods)) AS period, f.type, COUNT(*) AS tickets,
            \(unsafeRaw: sum("f.logged_total", as: "minutes")), \(unsafeRaw: works.joined(separator: ", "))
            FROM ticket_kpi_facts f WHERE \(anchored(at, periods, cuts)) GROUP BY 1, f.type
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

    /// One clock's outcomes that came in each period.
    private func outcomes(
        _ clock: SlaClockKind, _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod],
        into totals: inout [KpiTotals]
    ) async throws {
        let at = KpiFactColumns.outcomeAt(clock)
        let rows = try await sql.raw(
            """
            SELECT \(periodOf(at, periods)) AS period, f.\(unsafeRaw: KpiFactColumns.outcome(clock)) AS outcome,
            COUNT(*) AS tickets FROM ticket_kpi_facts f WHERE \(anchored(at, periods, cuts)) GROUP BY 1, 2
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "period", as: Int.self)
            let tickets = try row.decode(column: "tickets", as: Int.self)
            var counts = totals[index].clocks[clock] ?? KpiTotals.ClockCounts()
            switch try row.decode(column: "outcome", as: String?.self) {
            case "met": counts.met += tickets
            case "breached": counts.breached += tickets
            case "transferred": counts.transferred += tickets
            default: break
            }
            totals[index].clocks[clock] = counts
        }
    }

    /// Tickets that left Tier 2 in each period.
    private func exits(
        _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        let rows = try await sql.raw(
            """
            SELECT \(periodOf("exited_at", periods)) AS period, COUNT(*) AS tickets
            FROM ticket_kpi_facts f WHERE \(anchored("exited_at", periods, cuts)) GROUP BY 1
            """
        ).all()
        for row in rows {
            totals[try row.decode(column: "period", as: Int.self)].leftTier2 = try row.decode(
                column: "tickets", as: Int.self)
        }
    }

    /// Surveys sent in each period, and their answers by rating.
    private func surveys(
        _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        let rows = try await sql.raw(
            """
            SELECT \(periodOf("survey_sent_at", periods)) AS period, f.rating, COUNT(*) AS tickets
            FROM ticket_kpi_facts f WHERE \(anchored("survey_sent_at", periods, cuts)) GROUP BY 1, 2
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "period", as: Int.self)
            let tickets = try row.decode(column: "tickets", as: Int.self)
            totals[index].surveyed += tickets
            if let rating = try row.decode(column: "rating", as: Int?.self) { totals[index].ratings[rating] = tickets }
        }
    }

    /// The breaches of the clocks that ended in each period, grouped by their causes.
    private func breaches(
        _ sql: any SQLDatabase, cuts: [SQLQueryString], periods: [KpiPeriod], into totals: inout [KpiTotals]
    ) async throws {
        for clock in KpiFactColumns.measures {
            let at = KpiFactColumns.outcomeAt(clock)
            let rows = try await sql.raw(
                """
                SELECT \(periodOf(at, periods)) AS period, b.status_at_breach, b.longest_status, b.unassigned,
                COUNT(*) AS breaches
                FROM ticket_kpi_facts f JOIN \(unsafeRaw: KpiFactColumns.breachTable) b ON b.ticket_id = f.ticket_id
                WHERE \(anchored(at, periods, cuts)) AND b.clock = \(bind: clock.rawValue)
                GROUP BY 1, b.status_at_breach, b.longest_status, b.unassigned
                """
            ).all()
            for row in rows {
                totals[try row.decode(column: "period", as: Int.self)].breaches.append(
                    KpiTotals.BreachGroup(
                        clock: clock,
                        statusAtBreach: try StoredValue.read(
                            TicketStatus.self, try row.decode(column: "status_at_breach", as: String.self),
                            column: "status_at_breach"),
                        longestStatus: try StoredValue.read(
                            TicketStatus.self, try row.decode(column: "longest_status", as: String.self),
                            column: "longest_status"),
                        unassigned: try row.decode(column: "unassigned", as: Int.self) != 0,
                        count: try row.decode(column: "breaches", as: Int.self)))
            }
        }
    }

    /// The integers of a comma-separated text, read byte by byte: a year of a large MSP is a million of them.
    static func integers(_ text: String) -> [Int] {
        var result: [Int] = []
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
        return result
    }
}
