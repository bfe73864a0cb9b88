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
    /// Work of Tier 2 (`action`) asked of a ticket that has left Tier 2 or is closed.
    case notOpen(action: String, status: TicketStatus)
    /// Time asked to be logged on a closed ticket.
    case closed
    /// Someone tried to take a ticket another engineer is working; `by` names them.
    case takenBy(String)
}
