import Foundation

/// A ticket as its client reads it: statuses in the client's words, and what the portal asks of the client now.
/// Nothing here names a queue, an engineer's internal step or an SLA clock: those stay backstage.
public enum ClientView {
    /// The status in the client's words, as the process in force names it.
    public static func status(_ status: TicketStatus) -> String {
        ProcessRules.current.status(status.rawValue)?.clientName ?? status.title
    }

    /// One sentence on where the ticket stands, written to the client.
    public static func explanation(_ status: TicketStatus) -> String {
        ProcessRules.current.status(status.rawValue)?.clientText ?? ""
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
