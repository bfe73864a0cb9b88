/// Why the domain refused a change to a ticket; each case says what was wrong and what is allowed.
public enum TicketError: Error, Sendable, Equatable {
    /// The move is not in the state machine; `allowed` lists the legal targets.
    case illegalTransition(from: TicketStatus, to: TicketStatus, allowed: [TicketStatus])
    /// The move is legal but exit conditions are not met yet.
    case exitGatesUnmet(target: TicketStatus, gates: [ExitGate])
    /// A change that needs a written reason (reopen, lowering priority) came without one.
    case reasonRequired(action: String)
    /// The reopen window has passed; a new linked ticket is the way forward.
    case reopenWindowPassed(resolvedAt: Instant, windowSeconds: Int)
    /// The actor's role lacks the permission the change needs.
    case notPermitted(Permission)
    /// The ticket is already in the requested status.
    case unchanged(TicketStatus)
}
