import Foundation

/// What a ticket looks like to the escalation rules at one instant.
public struct EscalationFacts: Sendable {
    public var status: TicketStatus
    /// When the ticket entered its current status.
    public var statusSince: Instant
    /// The stored SLA clocks, when the ticket has any.
    public var clocks: [SlaClock]
    /// The calendar the clocks count on.
    public var calendar: BusinessCalendar
    /// When the troubleshooting time box runs out; nil before troubleshooting starts.
    public var timeboxEndsAt: Instant?

    public init(
        status: TicketStatus, statusSince: Instant, clocks: [SlaClock], calendar: BusinessCalendar,
        timeboxEndsAt: Instant? = nil
    ) {
        self.status = status
        self.statusSince = statusSince
        self.clocks = clocks
        self.calendar = calendar
        self.timeboxEndsAt = timeboxEndsAt
    }
}

/// Which escalation levels are due and when to look again; each level fires once per ticket.
public enum EscalationPlan {
    /// The statuses in which a ticket can escalate: waiting for Tier 2 or being worked.
    public static var watchedStatuses: [TicketStatus] { [.new] + TicketStatus.working }

    /// When `trigger` is (or was) met while things stay as they are; nil when it cannot be met now
    /// (a stopped clock, another status).
    public static func instant(of trigger: EscalationTrigger, facts: EscalationFacts) -> Instant? {
        guard watchedStatuses.contains(facts.status) else { return nil }
        switch trigger {
        case .minutesInStatus(let status, let minutes):
            if let status, status != facts.status { return nil }
            return facts.statusSince.addingTimeInterval(Double(minutes * 60))
        case .timeboxUsed:
            return facts.timeboxEndsAt
        case .clockShare(let kind, let percent):
            guard let clock = facts.clocks.first(where: { $0.kind == kind }) else { return nil }
            let threshold = Int((Double(clock.targetSeconds) * Double(percent) / 100).rounded(.up))
            switch clock.phase {
            case .stopped, .transferred: return nil
            case .paused: return clock.elapsed >= threshold ? clock.since : nil
            case .running:
                if clock.elapsed >= threshold { return clock.since }
                let calendar = clock.basis == .always ? BusinessCalendar.always : facts.calendar
                return try? calendar.add(clock.since, seconds: threshold - clock.elapsed)
            }
        }
    }

    /// The levels (by index) due at `now` that have not fired, and the earliest future instant a level
    /// not yet fired falls due, for the scheduler's next look. A policy applies from `effectiveFrom` (its
    /// last edit) onward: a trigger met before then is history, not a reason to fire now.
    public static func evaluate(
        _ levels: [EscalationLevel], facts: EscalationFacts, fired: Set<Int>, now: Instant, effectiveFrom: Instant? = nil
    ) -> (due: [Int], nextAt: Instant?) {
        var due: [Int] = []
        var next: Instant?
        for (index, level) in levels.enumerated() where !fired.contains(index) {
            guard let at = instant(of: level.trigger, facts: facts) else { continue }
            if let effectiveFrom, at < effectiveFrom { continue }
            if at <= now {
                due.append(index)
            } else {
                next = min(next ?? at, at)
            }
        }
        return (due, next)
    }
}
