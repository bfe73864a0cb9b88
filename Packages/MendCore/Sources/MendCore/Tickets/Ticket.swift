import Foundation

/// A ticket as the process rules see it. Every change is one of its methods, which checks the rules and returns
/// the events it causes or throws a `TicketError`; the server loads this value, calls a method and stores the
/// result with its events, and sets none of these fields itself.
public struct Ticket: Sendable, Equatable {
    public internal(set) var status: TicketStatus
    /// When the ticket entered its status: "minutes in a status without progress" count from here.
    public internal(set) var statusSince: Instant
    public internal(set) var impact: Impact
    public internal(set) var urgency: Urgency
    public internal(set) var priority: Priority
    public internal(set) var source: TicketSource
    public internal(set) var assigneeID: UUID?
    public internal(set) var queueID: UUID?
    public internal(set) var restoredTested: Bool
    public internal(set) var verificationAttempted: Bool
    /// Tier 2 told the client since the exit path was recorded: the gate of the two exits that restore nothing.
    public internal(set) var clientInformed: Bool
    /// The onstage resolution note's text.
    public internal(set) var resolution: String?
    public internal(set) var exitParty: String?
    public internal(set) var exitReference: String?
    public internal(set) var minutesLogged: Int
    public internal(set) var reopenCount: Int
    /// When the ticket last left Tier 2; the reopen window runs from here.
    public internal(set) var exitedAt: Instant?
    public internal(set) var closedAt: Instant?
    /// For a ticket opened by monitoring: how often its alert fired while it was open, and when last.
    public internal(set) var alertCount: Int?
    public internal(set) var alertLastSeen: Instant?

    /// A ticket as stored; the server's loader is the only caller.
    public init(
        status: TicketStatus, statusSince: Instant, impact: Impact, urgency: Urgency, priority: Priority,
        source: TicketSource, assigneeID: UUID? = nil, queueID: UUID? = nil, restoredTested: Bool = false,
        verificationAttempted: Bool = false, clientInformed: Bool = false, resolution: String? = nil,
        exitParty: String? = nil, exitReference: String? = nil, minutesLogged: Int = 0, reopenCount: Int = 0,
        exitedAt: Instant? = nil, closedAt: Instant? = nil, alertCount: Int? = nil, alertLastSeen: Instant? = nil
    ) {
        self.status = status
        self.statusSince = statusSince
        self.impact = impact
        self.urgency = urgency
        self.priority = priority
        self.source = source
        self.assigneeID = assigneeID
        self.queueID = queueID
        self.restoredTested = restoredTested
        self.verificationAttempted = verificationAttempted
        self.clientInformed = clientInformed
        self.resolution = resolution
        self.exitParty = exitParty
        self.exitReference = exitReference
        self.minutesLogged = minutesLogged
        self.reopenCount = reopenCount
        self.exitedAt = exitedAt
        self.closedAt = closedAt
        self.alertCount = alertCount
        self.alertLastSeen = alertLastSeen
    }

    /// What the ticket's records say about the exit conditions.
    public var exitFacts: ExitFacts {
        ExitFacts(
            restoredAndTested: restoredTested, exitPathRecorded: exitParty != nil,
            verificationAttempted: verificationAttempted, clientInformed: clientInformed,
            hasResolutionNote: resolution != nil, minutesLogged: minutesLogged)
    }

    /// Refuses `action` unless Tier 2 still works the ticket (not exited, not closed).
    public func requireOpen(_ action: String) throws(TicketError) {
        guard status.isOpen else { throw .notOpen(action: action, status: status) }
    }

    /// Every status a person may ask for next, with the exit gates still unmet for it. A gate the request itself
    /// can meet (the exit path, named with an escalation) is not listed as a blocker.
    public func options() -> [(status: TicketStatus, unmet: [ExitGate], isReopen: Bool)] {
        StatusMachine.requestable(from: status).map { target in
            let reopen = StatusMachine.isReopen(from: status, to: target)
            var gates = reopen ? [] : ExitGates.unmet(from: status, to: target, facts: exitFacts)
            if target.isTransfer { gates.removeAll { $0 == .exitPathRecorded } }
            return (target, gates, reopen)
        }
    }

    /// Moves to `target` with its status event; the one place a status is set.
    mutating func move(to target: TicketStatus, now: Instant, detail: String? = nil, reason: String? = nil)
        -> TicketEvent
    {
        let from = status
        status = target
        statusSince = now
        if TicketStatus.exits.contains(target) { exitedAt = now }
        if target == .closed { closedAt = now }
        return .statusChanged(from: from, to: target, detail: detail, reason: reason)
    }
}
