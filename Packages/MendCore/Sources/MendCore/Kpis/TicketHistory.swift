import Foundation

/// One change of a ticket's history as the SLA clocks and the KPI definitions read it.
public enum HistoryChange: Sendable, Equatable {
    /// The ticket was opened in `status`.
    case opened(TicketStatus)
    /// A move to `status` (a restoration or an exit included).
    case moved(TicketStatus)
    /// Back to work after an exit.
    case reopened(TicketStatus)
    /// A note: client-visible or not, written by the client or by staff, and by Tier 2 staff or not.
    case note(onstage: Bool, byClient: Bool, tier2: Bool)
    /// A mail the client received (Mend's own, or the CSR's).
    case clientMessage
    /// The assignee changed from one engineer (or nobody) to another.
    case assigned(from: UUID?, to: UUID?)
    /// A functional or hierarchical escalation, by a person or by a level of the escalation policy.
    case escalated
    /// An SME answered by taking the incident over.
    case smeTookOver
    /// An onsite visit was booked (04c.04).
    case dispatched
    /// A case was opened with a technology vendor (04c.06).
    case vendorCase
    /// The incident was passed to a third party (04c.07).
    case thirdParty
    /// The client asked to reopen after the window and got a new, linked ticket.
    case linkedFollowUp
}

/// A change, when it happened and who made it (nil for Mend itself).
public struct HistoryEvent: Sendable, Equatable {
    public var at: Instant
    public var actor: UUID?
    public var change: HistoryChange

    public init(at: Instant, actor: UUID? = nil, _ change: HistoryChange) {
        self.at = at
        self.actor = actor
        self.change = change
    }

    /// Reads a stored event (its kind, visibility and before/after fields); nil for the kinds no clock or KPI reads.
    public init?(
        kind: String, visibility: String, at: Instant, actor: UUID?, before: [String: String], after: [String: String]
    ) {
        let status = after["status"].flatMap(TicketStatus.init(known:))
        let change: HistoryChange
        switch EventKind(rawValue: kind) {
        case .created:
            guard let status else { return nil }
            change = .opened(status)
        case .statusChanged:
            guard let status else { return nil }
            change = .moved(status)
        case .reopened:
            guard let status else { return nil }
            change = .reopened(status)
        case .noteAdded:
            change = .note(
                onstage: visibility == Visibility.onstage.rawValue, byClient: after["by"] == "client",
                tier2: after["tier2"] != "false")
        case .clientMessage: change = .clientMessage
        case .assigned:
            change = .assigned(
                from: before["assigneeID"].flatMap(UUID.init(uuidString:)),
                to: after["assigneeID"].flatMap(UUID.init(uuidString:)))
        case .escalated, .escalationFired: change = .escalated
        case .smeAnswered:
            guard after["outcome"] == SmeConsult.Outcome.smeTookOver.rawValue else { return nil }
            change = .smeTookOver
        case .appointmentBooked: change = .dispatched
        case .vendorCaseOpened: change = .vendorCase
        case .exitRecorded:
            guard after["kind"] != TicketExitKind.clientIT.rawValue else { return nil }
            change = .thirdParty
        case .linkedTicketOpened: change = .linkedFollowUp
        default: return nil
        }
        self.init(at: at, actor: actor, change)
    }

    /// What this event means for the SLA clocks, in order (docs/sla.md); an opening sets the initial status instead.
    public var slaFacts: [SlaFact] {
        switch change {
        case .moved(let status), .reopened(let status):
            return SlaResponseRule.responds(status: status) ? [.response(at), .status(at, status)] : [.status(at, status)]
        case .note(true, false, let tier2):
            return SlaResponseRule.respondsByNote(tier2: tier2) ? [.response(at), .update(at)] : [.update(at)]
        case .clientMessage:
            // A mail the client received keeps it in the loop; it is never the response by itself: Mend sends
            // its own mails and the CSR's handoff message, and Tier 2's own words come with an onstage note.
            return [.update(at)]
        default:
            return []
        }
    }

    /// The stored event kinds `init(kind:...)` reads: a noisy alert's thousand repeats are not read at all.
    public static let kinds: [EventKind] = [
        .created, .statusChanged, .reopened, .noteAdded, .clientMessage, .assigned, .escalated, .escalationFired,
        .smeAnswered, .appointmentBooked, .vendorCaseOpened, .exitRecorded, .linkedTicketOpened,
    ]
}

/// A ticket's history from the start of Tier 2's clocks: the one input of the clocks and of the KPI facts.
public struct TicketHistory: Sendable, Equatable {
    /// When Tier 2's clocks started: creation, or the escalation from Tier 1.
    public var start: Instant
    /// The events in the order they were written.
    public var events: [HistoryEvent]
    /// The assignee now: the one the ticket was opened with when no assignment event says otherwise.
    public var currentAssignee: UUID?

    public init(start: Instant, events: [HistoryEvent], currentAssignee: UUID? = nil) {
        self.start = start
        self.events = events
        self.currentAssignee = currentAssignee
    }

    /// The events in time order; events of one instant keep the order they were written in.
    public var ordered: [HistoryEvent] {
        events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// What the SLA clocks replay (docs/sla.md): statuses, Tier 2's response and client-visible updates.
    public var sla: SlaHistory {
        var history = SlaHistory(start: start)
        for event in events {
            if case .opened(let status) = event.change { history.initialStatus = status }
            history.facts += event.slaFacts
        }
        return history
    }

    /// The instant of the last event (the start when there is none): facts are read as of it, so facts stored with
    /// the last change equal facts rebuilt later.
    public var lastAt: Instant {
        events.map(\.at).reduce(start, max)
    }

    /// The assignee the ticket was opened with: the first assignment's "before", else the assignee now.
    public var initialAssignee: UUID? {
        for event in events {
            if case .assigned(let from, _) = event.change { return from }
        }
        return currentAssignee
    }

    /// The engineer the ticket was first given to: the first assignment's "before" when it had one, else the first
    /// assignment, else the assignee now.
    public var firstAssignee: UUID? {
        for event in events {
            if case .assigned(let from, let to) = event.change { return from ?? to }
        }
        return currentAssignee
    }
}
