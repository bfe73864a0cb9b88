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
        exitedAt: Instant? = nil, reopenWindowSeconds: Int = TransitionRules.defaultReopenWindowSeconds
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
    /// Seven days, the window most MSP contracts allow a client to say "it is broken again".
    public static let defaultReopenWindowSeconds = 7 * 86_400

    /// Judges a transition; returns its kind or throws the first rule it breaks.
    public static func check(_ request: TransitionRequest) throws(TicketError) -> TransitionKind {
        if request.from == request.to { throw .unchanged(request.from) }
        let allowed = StatusMachine.targets(from: request.from)
        guard allowed.contains(request.to) else {
            throw .illegalTransition(from: request.from, to: request.to, allowed: allowed)
        }
        if StatusMachine.isReopen(from: request.from, to: request.to) {
            guard let reason = request.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { throw .reasonRequired(action: "reopen") }
            if let exitedAt = request.exitedAt,
                request.now.timeIntervalSince(exitedAt) > Double(request.reopenWindowSeconds)
            {
                throw .reopenWindowPassed(resolvedAt: exitedAt, windowSeconds: request.reopenWindowSeconds)
            }
            return .reopen
        }
        let gates = ExitGates.unmet(for: request.to, facts: request.facts)
        if !gates.isEmpty { throw .exitGatesUnmet(target: request.to, gates: gates) }
        return .move
    }
}
