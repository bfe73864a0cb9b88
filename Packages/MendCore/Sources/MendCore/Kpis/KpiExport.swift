import Foundation

/// One ticket of the KPI export: its facts and the names the export shows for its ids.
public struct KpiExportRow: Sendable, Equatable {
    public var number: String
    public var company: String
    public var priority: Priority
    public var queue: String?
    public var type: String?
    public var source: TicketSource
    public var firstAssignee: String?
    public var resolvedBy: String?
    public var facts: TicketKpiFacts

    public init(
        number: String, company: String, priority: Priority, queue: String?, type: String?, source: TicketSource,
        firstAssignee: String?, resolvedBy: String?, facts: TicketKpiFacts
    ) {
        self.number = number
        self.company = company
        self.priority = priority
        self.queue = queue
        self.type = type
        self.source = source
        self.firstAssignee = firstAssignee
        self.resolvedBy = resolvedBy
        self.facts = facts
    }
}

/// The CSV behind the KPI figures (docs/kpis.md): one row per ticket with every value a figure is made of, so each
/// figure can be recomputed from the rows by hand.
public enum KpiExport {
    private static let measured: [SlaClockKind] = [.response, .restoration, .resolution]

    /// The column names, in order.
    public static let header: [String] = {
        var columns = [
            "number", "company", "priority", "queue", "type", "source", "first_assignee", "resolved_by", "opened_at",
            "responded_at", "restored_at", "resolved_at", "last_resolved_at", "resolutions", "left_tier2_at",
            "left_tier2_status",
        ]
        for unit in ["business", "wall", "paused"] {
            columns += measured.map { "\($0.rawValue)_\(unit)_seconds" }
        }
        for clock in SlaClockKind.allCases { columns += ["\(clock.rawValue)_sla", "\(clock.rawValue)_sla_at"] }
        columns.append("update_misses")
        for clock in measured {
            columns += ["breach_status", "breach_longest_status", "breach_unassigned"].map { "\(clock.rawValue)_\($0)" }
        }
        columns += ["fcr", "reopened", "linked_follow_ups", "logged_minutes"]
        columns += WorkType.allCases.map { "logged_minutes_\($0.rawValue)" }
        columns += ["survey_sent_at", "rating"]
        // The ticket's time up to its first resolution, by status; the response and restoration measures apart.
        columns += TicketStatus.module.map { "seconds_in_\($0.rawValue)" }
        for clock in [SlaClockKind.response, .restoration] {
            columns += TicketStatus.module.map { "\(clock.rawValue)_seconds_in_\($0.rawValue)" }
        }
        return columns
    }()

    /// The values of one row, in the order of `header`; empty where there is no value.
    public static func fields(_ row: KpiExportRow) -> [String] {
        let facts = row.facts
        func time(_ instant: Instant?) -> String { instant.map(UTCText.format) ?? "" }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        var values = [
            row.number, row.company, row.priority.rawValue, row.queue ?? "", row.type ?? "", row.source.kpiChannel,
            row.firstAssignee ?? "", row.resolvedBy ?? "", time(facts.startedAt), time(facts.response?.endedAt),
            time(facts.restoration?.endedAt), time(facts.resolution?.endedAt), time(facts.lastResolvedAt),
            String(facts.resolutions), time(facts.exitedAt), facts.exitStatus?.rawValue ?? "",
        ]
        values += measured.map { number(facts.measure($0)?.businessSeconds) }
        values += measured.map { number(facts.measure($0)?.wallSeconds) }
        values += measured.map { number(facts.measure($0)?.pausedSeconds) }
        for clock in SlaClockKind.allCases {
            let outcome = facts.clocks[clock]
            // Open and unmeasured clocks have no outcome yet: empty, as the definitions leave them out.
            let shown = outcome.flatMap { [.met, .breached, .transferred].contains($0.outcome) ? $0.outcome : nil }
            values += [shown?.rawValue ?? "", shown == nil ? "" : time(outcome?.at)]
        }
        values.append(String(facts.updateMisses))
        for clock in measured {
            let cause = facts.breaches.first { $0.clock == clock }
            values += [
                cause?.statusAtBreach.rawValue ?? "", cause?.longestStatus.rawValue ?? "",
                cause.map { $0.wasUnassigned ? "1" : "0" } ?? "",
            ]
        }
        values += [
            facts.firstContactResolution.map { $0 ? "1" : "0" } ?? "", facts.reopened ? "1" : "0",
            String(facts.linkedFollowUps), String(facts.totalLoggedMinutes),
        ]
        values += WorkType.allCases.map { String(facts.loggedMinutes[$0] ?? 0) }
        values += [time(facts.surveySentAt), number(facts.rating)]
        for measure in [facts.resolution, facts.response, facts.restoration] {
            values += TicketStatus.module.map { status in measure.map { String($0.secondsByStatus[status] ?? 0) } ?? "" }
        }
        return values
    }

    /// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled; a field that
    /// a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
    public static func line(_ fields: [String]) -> String {
        fields.map { field -> String in
            var text = field
            if let first = text.first, "=+-@".contains(first), Int(text) == nil { text = "'" + text }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
