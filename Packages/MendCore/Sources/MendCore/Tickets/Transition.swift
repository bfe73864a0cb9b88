import Foundation

/// A requested status change with what the rules need to judge it.
public struct TransitionRequest: Sendable {
    public var from: TicketStatus
    public var to: TicketStatus
    public var facts: ExitFacts
    public var reason: String?
    public var now: Instant
    /// When the ticket last left Tier 2 (resolved, escalated out or handed off), for the reopen window.
    public var exitedAt: Instant?
    public var reopenWindowSeconds: Int

    public init(
        from: TicketStatus, to: TicketStatus, facts: ExitFacts, reason: String? = nil, now: Instant,
        exitedAt: Instant? = nil, reopenWindowSeconds: Int = ReopenRule.defaultWindowSeconds
    ) {
        self.from = from
        self.to = to
        self.facts = facts
        self.reason = reason
        self.now = now
        self.exitedAt = exitedAt
        self.reopenWindowSeconds = reopenWindowSeconds
    }
}

/// What kind of move a permitted transition is, so the caller writes the right events.
public enum TransitionKind: Sendable, Equatable {
    case move
    case reopen
}

/// The full transition rule: state machine, then reopen rules, then exit gates.
public enum TransitionRules {
    /// Judges a transition; returns its kind or throws the first rule it breaks.
    public static func check(_ request: TransitionRequest) throws(TicketError) -> TransitionKind {
        if request.from == request.to { throw .unchanged(request.from) }
        let allowed = StatusMachine.requestable(from: request.from)
        guard allowed.contains(request.to) else {
            throw .illegalTransition(from: request.from, to: request.to, allowed: allowed)
        }
        if StatusMachine.isReopen(from: request.from, to: request.to) {
            guard let reason = request.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { throw .reasonRequired(action: "reopen") }
            if let exitedAt = request.exitedAt,
                ReopenRule.windowPassed(exitedAt: exitedAt, now: request.now, windowSeconds: request.reopenWindowSeconds)
            {
                throw .reopenWindowPassed(resolvedAt: exitedAt, windowSeconds: request.reopenWindowSeconds)
            }
            return .reopen
        }
        let gates = ExitGates.unmet(from: request.from, to: request.to, facts: request.facts)
        if !gates.isEmpty { throw .exitGatesUnmet(target: request.to, gates: gates) }
        return .move
    }
}

/// The one reopen rule: a ticket that left Tier 2 reopens within the window after it left; after that, the
/// client's "broken again" opens a new ticket linked to it.
public enum ReopenRule {
    /// Seven days, the window most MSP contracts allow a client to say "it is broken again".
    public static let defaultWindowSeconds = 7 * 86_400

    /// Whether the window that began when the ticket left Tier 2 at `exitedAt` has closed by `now`.
    public static func windowPassed(exitedAt: Instant, now: Instant, windowSeconds: Int) -> Bool {
        now.timeIntervalSince(exitedAt) > Double(windowSeconds)
    }
}

/// What a reopen request becomes: a reopen inside the window, a new linked ticket after it.
public enum ReopenDecision: Sendable, Equatable {
    case reopen
    case newLinkedTicket

    /// Decides for a ticket that exited at `exitedAt` (nil: it never exited, so there is nothing to reopen).
    public static func decide(exitedAt: Instant?, now: Instant, windowSeconds: Int) -> ReopenDecision {
        guard let exitedAt else { return .reopen }
        return ReopenRule.windowPassed(exitedAt: exitedAt, now: now, windowSeconds: windowSeconds)
            ? .newLinkedTicket : .reopen
    }
}
