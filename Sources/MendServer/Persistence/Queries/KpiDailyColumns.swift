import Foundation
import MendCore
import SQLKit

/// The columns of `kpi_daily` (M023): for each MSP-local day and each priority, channel, ticket type and queue, what
/// `KpiAggregates` would add up from the facts rows whose anchor falls on that day. Each column belongs to one
/// anchor (a measure's end, a clock's outcome, the exit, the survey) and says how its facts are added up; the
/// measured values are kept as comma-separated lists, since percentiles need every value.
enum KpiDailyColumns {
    static let table = "kpi_daily"
    /// The same totals per day, priority and type alone: all a report needs unless it is cut by source or queue.
    static let allTable = "kpi_daily_all"
    static let breachTable = "kpi_daily_breaches"
    static let stateTable = "kpi_daily_state"
    static let staleTable = "kpi_daily_stale"
    /// The cuts the daily totals keep apart; a query cut by client or engineer is added up from the facts rows.
    static let dimensions = ["priority", "channel", "type", "queue_id"]

    enum Aggregate {
        case count
        /// The sum of a facts column.
        case sum(String)
        /// How many rows meet a condition on the facts (aliased `f`).
        case countWhere(String)
        /// The values of a facts column, comma-separated.
        case list(String)
    }

    struct Column {
        var name: String
        /// The facts column whose day the row is added to.
        var anchor: String
        var aggregate: Aggregate
        var isList: Bool {
            if case .list = aggregate { return true }
            return false
        }
    }

    static func n(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_n" }
    static func values(_ measure: SlaClockKind, _ kind: String) -> String { "\(measure.rawValue)_\(kind)" }
    static func total(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_total" }
    static func paused(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_paused" }
    static func clock(_ clock: SlaClockKind, _ outcome: String) -> String { "sla_\(clock.rawValue)_\(outcome)" }
    static func rating(_ rating: Int) -> String { "rating_\(rating)" }

    static let all: [Column] = {
        var columns: [Column] = []
        for measure in KpiFactColumns.measures {
            let at = KpiFactColumns.at(measure)
            columns += [
                Column(name: n(measure), anchor: at, aggregate: .count),
                Column(name: values(measure, "b"), anchor: at, aggregate: .list(KpiFactColumns.business(measure))),
                Column(name: values(measure, "w"), anchor: at, aggregate: .list(KpiFactColumns.wall(measure))),
                Column(name: values(measure, "p"), anchor: at, aggregate: .list(KpiFactColumns.paused(measure))),
                Column(name: total(measure), anchor: at, aggregate: .sum(KpiFactColumns.business(measure))),
                Column(name: paused(measure), anchor: at, aggregate: .sum(KpiFactColumns.paused(measure))),
            ]
            columns += TicketStatus.module.map {
                Column(
                    name: KpiFactColumns.status(measure, $0), anchor: at,
                    aggregate: .sum(KpiFactColumns.status(measure, $0)))
            }
        }
        let resolved = KpiFactColumns.at(.resolution)
        columns += [
            Column(name: "resolved", anchor: resolved, aggregate: .count),
            Column(name: "resolved_again", anchor: resolved, aggregate: .countWhere("f.resolutions > 1")),
            Column(name: "fcr_judged", anchor: resolved, aggregate: .countWhere("f.fcr IS NOT NULL")),
            Column(name: "fcr_yes", anchor: resolved, aggregate: .countWhere("f.fcr = 1")),
            Column(name: "reopened", anchor: resolved, aggregate: .countWhere("f.reopened = 1")),
            Column(name: "linked", anchor: resolved, aggregate: .countWhere("f.linked_follow_ups > 0")),
            Column(name: "logged_total", anchor: resolved, aggregate: .sum("logged_total")),
        ]
        columns += WorkType.allCases.map {
            Column(name: KpiFactColumns.logged($0), anchor: resolved, aggregate: .sum(KpiFactColumns.logged($0)))
        }
        for kind in SlaClockKind.allCases {
            let outcome = "f." + KpiFactColumns.outcome(kind)
            columns.append(
                Column(
                    name: clock(kind, "not_measured"), anchor: resolved,
                    aggregate: .countWhere("(\(outcome) IS NULL OR \(outcome) = 'not_measured')")))
            for result in ["met", "breached", "transferred"] {
                columns.append(
                    Column(
                        name: clock(kind, result), anchor: KpiFactColumns.outcomeAt(kind),
                        aggregate: .countWhere("\(outcome) = '\(result)'")))
            }
        }
        columns.append(Column(name: "left_tier2", anchor: "exited_at", aggregate: .count))
        columns.append(Column(name: "surveyed", anchor: "survey_sent_at", aggregate: .count))
        columns += Survey.ratings.map {
            Column(name: rating($0), anchor: "survey_sent_at", aggregate: .countWhere("f.rating = \($0)"))
        }
        return columns
    }()

    /// The facts columns that place a row on a day, in the order of the facts' instant columns.
    static let anchors: [String] = KpiFactColumns.all.filter { $0.kind == .instant }.map(\.name)

    /// The comma-separated values of a list column, added up over rows.
    static func concatenated(_ sql: any SQLDatabase, _ expression: String) -> String {
        sql.dialect.name == "postgresql" ? "string_agg(\(expression), ',')" : "group_concat(\(expression))"
    }

    /// A column's aggregate over the facts rows of one anchor's day.
    static func fromFacts(_ sql: any SQLDatabase, _ column: Column) -> String {
        switch column.aggregate {
        case .count: "CAST(COUNT(*) AS BIGINT)"
        case .sum(let name): "CAST(COALESCE(SUM(f.\(name)), 0) AS BIGINT)"
        case .countWhere(let condition): "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS BIGINT)"
        case .list(let name): list(sql, name)
        }
    }

    /// The values of a facts column (aliased `f`) over the rows added up, comma-separated.
    static func list(_ sql: any SQLDatabase, _ name: String) -> String {
        sql.dialect.name == "postgresql" ? "string_agg(CAST(f.\(name) AS TEXT), ',')" : "group_concat(f.\(name))"
    }

    /// A column added up over daily rows (aliased `alias`).
    static func fromDaily(_ sql: any SQLDatabase, _ column: Column, alias: String) -> String {
        column.isList
            ? concatenated(sql, "\(alias).\(column.name)")
            : "CAST(COALESCE(SUM(\(alias).\(column.name)), 0) AS BIGINT)"
    }
}
