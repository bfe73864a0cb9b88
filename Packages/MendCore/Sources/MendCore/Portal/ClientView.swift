import Foundation

/// A ticket as its client reads it: statuses in the client's words, and what the portal asks of the client now.
/// Nothing here names a queue, an engineer's internal step or an SLA clock: those stay backstage.
public enum ClientView {
    /// The status in the client's words.
    public static func status(_ status: TicketStatus) -> String {
        switch status {
        case .new, .assigned: "Received"
        case .inProgress, .withSME: "Being worked on"
        case .onsiteScheduled: "Engineer visit booked"
        case .waitingOnClient: "Waiting for you"
        case .waitingOnParts: "Waiting for parts"
        case .waitingOnVendor, .waitingOnThirdParty: "With a supplier"
        case .restored: "Fixed: please check"
        case .resolved: "Resolved"
        case .escalatedOut: "Passed to a third party"
        case .handedOff: "Handed to your IT team"
        case .closed: "Closed"
        }
    }

    /// One sentence on where the ticket stands, written to the client.
    public static func explanation(_ status: TicketStatus) -> String {
        switch status {
        case .new, .assigned: "We have your request and an engineer is being lined up for it."
        case .inProgress: "An engineer is working on it."
        case .withSME: "An engineer is working on it with a specialist."
        case .onsiteScheduled: "An engineer is booked to come on site."
        case .waitingOnClient: "We need something from you before we can go on: see the latest message below."
        case .waitingOnParts: "We are waiting for a part to be delivered."
        case .waitingOnVendor, .waitingOnThirdParty: "A supplier is working on their part of the problem; we are following it up."
        case .restored: "We have restored service and tested it. Please check it works for you."
        case .resolved: "This is resolved. If the problem comes back, reopen it here."
        case .escalatedOut: "We passed this to the third party responsible; we will follow it up with them."
        case .handedOff: "We handed this to your own IT team, as agreed."
        case .closed: "This is closed."
        }
    }

    /// Something the portal asks of the client on one ticket.
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Service was restored: the client is asked whether it works.
        case confirmRestored = "confirm_restored"
        /// The ticket waits on the client: the client is asked to reply.
        case reply
        /// The ticket is resolved and its survey is open: the client is asked to rate the service.
        case rateService = "rate_service"

        /// The request as the portal words it.
        public var title: String {
            switch self {
            case .confirmRestored: "Please confirm service is restored"
            case .reply: "Please reply to our question"
            case .rateService: "Rate our service"
            }
        }
    }

    /// What the client is asked to do now. `statusSince` is when the ticket entered its status; `answeredAt` are
    /// the client's own answers to "is it working?" (a question answered since the restore is not asked again);
    /// a survey is offered only while the ticket stays resolved or closed, never after a reopen.
    public static func actions(
        status: TicketStatus, statusSince: Date?, answeredAt: [Date], surveyOpen: Bool
    ) -> [Action] {
        var actions: [Action] = []
        if status == .restored, !answeredAt.contains(where: { $0 >= (statusSince ?? .distantPast) }) {
            actions.append(.confirmRestored)
        }
        if status == .waitingOnClient { actions.append(.reply) }
        if surveyOpen, status == .resolved || status == .closed { actions.append(.rateService) }
        return actions
    }

    /// The status changes the client is told of: each one that gives the ticket a new client-facing name, so
    /// internal steps (New to Assigned, In Progress to With SME) do not show as news.
    public static func milestones(from start: TicketStatus, changes: [(at: Date, to: TicketStatus)])
        -> [(at: Date, status: TicketStatus)]
    {
        var shown = status(start)
        var result: [(at: Date, status: TicketStatus)] = []
        for change in changes where status(change.to) != shown {
            shown = status(change.to)
            result.append((change.at, change.to))
        }
        return result
    }

    /// Whether staff are offered a status update to the client: only while the ticket is still with Tier 2; after
    /// an exit the exit's own message has told the client, and a note is the way to add more.
    public static func statusUpdateOffered(_ status: TicketStatus) -> Bool { status.isOpen }

    /// Whether the client may ask to reopen the ticket from the portal (the reopen window is checked when asked).
    public static func mayReopen(_ status: TicketStatus) -> Bool { !status.isOpen }
}
