import Foundation

/// What the clocks need to know of a ticket's history, taken from its events in time order.
public enum SlaFact: Sendable, Equatable {
    /// The ticket entered `status` (a move, a reopen or a restoration).
    case status(Instant, TicketStatus)
    /// Staff acknowledged the ticket or wrote the client (stops the response clock).
    case response(Instant)
    /// A client-visible update from staff (restarts the update cadence).
    case update(Instant)

    /// When the fact happened.
    public var at: Instant {
        switch self {
        case .status(let at, _), .response(let at), .update(let at): at
        }
    }
}

/// A ticket's clock-relevant history: when Tier 2's clocks started, the status then, and what followed.
public struct SlaHistory: Sendable, Equatable {
    public var start: Instant
    public var initialStatus: TicketStatus
    public var facts: [SlaFact]

    public init(start: Instant, initialStatus: TicketStatus = .new, facts: [SlaFact] = []) {
        self.start = start
        self.initialStatus = initialStatus
        self.facts = facts
    }
}
