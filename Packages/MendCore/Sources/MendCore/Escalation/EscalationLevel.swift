import Foundation

/// What starts an escalation level: a share of an SLA clock used, or time spent in one status without a
/// status change (no progress).
public enum EscalationTrigger: Sendable, Equatable {
    /// `percent` of the clock's target elapsed, 0 to 1000 (above 100 is past the breach).
    case clockShare(SlaClockKind, percent: Int)
    /// `minutes` of wall time in `status` (any open status when nil) without moving on.
    case minutesInStatus(TicketStatus?, minutes: Int)
    /// The troubleshooting time box of the ticket's priority used up without restoration (04c.01).
    case timeboxUsed

    /// Plain words for events and pages, such as "50% of the restoration clock".
    public var text: String {
        switch self {
        case .clockShare(let clock, let percent): "\(percent)% of the \(clock.title.lowercased()) clock"
        case .minutesInStatus(let status, let minutes):
            "\(minutes) min in \(status?.title ?? "one status") without progress"
        case .timeboxUsed: "troubleshooting time box used up"
        }
    }
}

/// What an escalation level does when it fires.
public struct EscalationActions: Sendable, Equatable {
    /// Staff user ids to notify.
    public var notifyUsers: [String]
    /// Role keys whose members are notified.
    public var notifyRoles: [String]
    /// The code of the queue (or SME group) the ticket moves to.
    public var queue: String?
    /// The priority the ticket is raised to; never lowers it.
    public var raisePriority: Priority?
    /// The id of the rotation whose on-call engineer is paged.
    public var pageRotation: String?

    public init(
        notifyUsers: [String] = [], notifyRoles: [String] = [], queue: String? = nil, raisePriority: Priority? = nil,
        pageRotation: String? = nil
    ) {
        self.notifyUsers = notifyUsers
        self.notifyRoles = notifyRoles
        self.queue = queue
        self.raisePriority = raisePriority
        self.pageRotation = pageRotation
    }

    /// True when the level would do nothing.
    public var isEmpty: Bool {
        notifyUsers.isEmpty && notifyRoles.isEmpty && queue == nil && raisePriority == nil && pageRotation == nil
    }

    /// Plain words for the event, such as "notify service_manager; raise to P1".
    public var text: String {
        var parts: [String] = []
        if !notifyUsers.isEmpty || !notifyRoles.isEmpty {
            parts.append("notify " + (notifyRoles + notifyUsers.map { "user \($0.prefix(8))" }).joined(separator: ", "))
        }
        if let queue { parts.append("reassign to \(queue)") }
        if let raisePriority { parts.append("raise to \(raisePriority.rawValue.uppercased())") }
        if pageRotation != nil { parts.append("page on-call") }
        return parts.joined(separator: "; ")
    }
}

/// One level of an escalation policy: its trigger and its actions; fires once per ticket.
public struct EscalationLevel: Sendable, Equatable {
    public var trigger: EscalationTrigger
    public var actions: EscalationActions

    public init(trigger: EscalationTrigger, actions: EscalationActions) {
        self.trigger = trigger
        self.actions = actions
    }
}
