import Foundation

/// Everything the scheduler checks on an open ticket besides the SLA timers: the after-hours page, the
/// CSR handoff reminder and the escalation levels, each fired once per ticket under its key.
public enum TicketWatch {
    /// One thing to do now.
    public enum Action: Sendable, Equatable {
        case pageAfterHours
        case remindHandoff
        case escalate(level: Int)

        /// The once-only key stored with the ticket.
        public var key: String {
            switch self {
            case .pageAfterHours: "page"
            case .remindHandoff: "csr"
            case .escalate(let level): "L\(level + 1)"
            }
        }
    }

    /// The ticket as the watch sees it.
    public struct Facts: Sendable {
        public var priority: Priority
        public var openedAt: Instant
        /// Whether the ticket arrived outside its contract's business hours.
        public var openedAfterHours: Bool
        public var handoffDone: Bool
        public var handoffDelayMinutes: Int
        public var escalation: EscalationFacts
        public var levels: [EscalationLevel]
        /// When the escalation policy's current version was saved.
        public var policySince: Instant?

        public init(
            priority: Priority, openedAt: Instant, openedAfterHours: Bool, handoffDone: Bool, handoffDelayMinutes: Int,
            escalation: EscalationFacts, levels: [EscalationLevel], policySince: Instant? = nil
        ) {
            self.policySince = policySince
            self.priority = priority
            self.openedAt = openedAt
            self.openedAfterHours = openedAfterHours
            self.handoffDone = handoffDone
            self.handoffDelayMinutes = handoffDelayMinutes
            self.escalation = escalation
            self.levels = levels
        }
    }

    /// What is due at `now` given the keys already fired, and when to look next (nil: only a change to
    /// the ticket can make something due).
    public static func plan(_ facts: Facts, fired: Set<String>, now: Instant) -> (due: [Action], nextAt: Instant?) {
        let open = EscalationPlan.watchedStatuses.contains(facts.escalation.status)
        var due: [Action] = []
        var next: Instant?
        if open, facts.openedAfterHours, facts.priority == .p1 || facts.priority == .p2, !fired.contains("page") {
            due.append(.pageAfterHours)
        }
        if open, CsrHandoff.required(for: facts.priority), !facts.handoffDone, !fired.contains("csr") {
            let at = CsrHandoff.reminderAt(since: facts.openedAt, delayMinutes: facts.handoffDelayMinutes)
            if at <= now { due.append(.remindHandoff) } else { next = at }
        }
        let firedLevels = Set(facts.levels.indices.filter { fired.contains(Action.escalate(level: $0).key) })
        let levels = EscalationPlan.evaluate(
            facts.levels, facts: facts.escalation, fired: firedLevels, now: now, effectiveFrom: facts.policySince)
        due += levels.due.map { .escalate(level: $0) }
        if let at = levels.nextAt { next = min(next ?? at, at) }
        return (due, next)
    }
}
