/// Where a page to on-call staff stands. Only an open page waits for an answer or moves up its chain.
public enum PageState: String, Sendable, Codable, CaseIterable {
    case open
    case acknowledged
    /// The person paged took the ticket (remote resolution).
    case elected
    /// Nobody in the chain acknowledged in time.
    case unanswered
    /// The page stopped mattering before anyone answered it (see `PageRule`).
    case ended
}

/// When an open page stops: it exists to get someone onto the ticket, so it ends once someone is.
public enum PageRule {
    /// Why an open page about `ticket` no longer matters, or nil while it still does. `takenBy` names an engineer
    /// who just took the ticket.
    public static func endReason(for ticket: Ticket, takenBy: String? = nil) -> String? {
        if let takenBy { return "\(takenBy) took the ticket" }
        if !ticket.status.isOpen { return "the ticket left Tier 2 (\(ticket.status.title))" }
        if ticket.assigneeID != nil, ticket.status != .new, ticket.status != .assigned {
            return "the ticket is assigned and being worked (\(ticket.status.title))"
        }
        return nil
    }
}
