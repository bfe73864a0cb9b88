import Fluent
import Foundation
import MendCore
import SQLKit

/// The facts of a ticket as columns (M022), beside their JSON: what the SQL aggregates of `KpiAggregates` add up
/// and filter by. Each measure's end, times and time per status, each clock's outcome and when, the first contact
/// and reopen judgements, the survey and the minutes per work type. Breaches are rows of `ticket_kpi_breaches`.
enum KpiFactColumns {
    static let measures: [SlaClockKind] = [.response, .restoration, .resolution]
    static let breachTable = "ticket_kpi_breaches"

    static func at(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_at" }
    static func business(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_business" }
    static func wall(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_wall" }
    static func paused(_ measure: SlaClockKind) -> String { "\(measure.rawValue)_paused" }
    static func status(_ measure: SlaClockKind, _ status: TicketStatus) -> String {
        "\(measure.rawValue)_s_\(status.rawValue)"
    }
    static func outcome(_ clock: SlaClockKind) -> String { "sla_\(clock.rawValue)" }
    static func outcomeAt(_ clock: SlaClockKind) -> String { "sla_\(clock.rawValue)_at" }
    static func logged(_ work: WorkType) -> String { "logged_\(work.rawValue)" }

    enum Kind { case instant, integer, text }

    /// Every column with its kind, in the order `values` gives them.
    static let all: [(name: String, kind: Kind)] = {
        var columns: [(String, Kind)] = []
        for measure in measures {
            columns += [
                (at(measure), .instant), (business(measure), .integer), (wall(measure), .integer),
                (paused(measure), .integer),
            ]
            columns += TicketStatus.module.map { (status(measure, $0), .integer) }
        }
        columns += [
            ("resolutions", .integer), ("exited_at", .instant), ("fcr", .integer), ("reopened", .integer),
            ("linked_follow_ups", .integer), ("survey_sent_at", .instant), ("rating", .integer),
            ("logged_total", .integer),
        ]
        for clock in SlaClockKind.allCases { columns += [(outcome(clock), .text), (outcomeAt(clock), .instant)] }
        columns += WorkType.allCases.map { (logged($0), .integer) }
        return columns
    }()

    static var names: [String] { all.map(\.name) }

    /// The values of `all` for one ticket's facts; nil where a measure, clock or answer is missing.
    static func values(_ facts: TicketKpiFacts) -> [(any Encodable & Sendable)?] {
        var values: [(any Encodable & Sendable)?] = []
        for kind in measures {
            let measure = facts.measure(kind)
            values += [measure?.endedAt, measure?.businessSeconds, measure?.wallSeconds, measure?.pausedSeconds]
            values += TicketStatus.module.map { status in measure.map { $0.secondsByStatus[status] ?? 0 } }
        }
        values += [
            facts.resolutions, facts.exitedAt, facts.firstContactResolution.map { $0 ? 1 : 0 }, facts.reopened ? 1 : 0,
            facts.linkedFollowUps, facts.surveySentAt, facts.rating, facts.totalLoggedMinutes,
        ]
        for clock in SlaClockKind.allCases {
            values += [facts.clocks[clock]?.outcome.rawValue, facts.clocks[clock]?.at]
        }
        values += WorkType.allCases.map { facts.loggedMinutes[$0] ?? 0 }
        return values
    }

    /// The instants of `all` for one ticket's facts (the anchors of `kpi_daily`), nil where nothing ended.
    static func anchors(_ facts: TicketKpiFacts) -> [Date?] {
        zip(all, values(facts)).filter { $0.0.kind == .instant }.map { $0.1 as? Date }
    }
}
