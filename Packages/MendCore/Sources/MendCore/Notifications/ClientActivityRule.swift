import Foundation

/// Who hears of what a client does on a ticket (a reply, a reopen, "it works" or "still broken", a poor
/// rating): the ticket's assignee; while nobody has the ticket, the people who watch unassigned work, the
/// engineers on call now and then the service managers.
public enum ClientActivityRule {
    /// A survey rating this low or lower is worth a call.
    public static let lowRating = 3

    /// Whether a rating reaches anyone.
    public static func notifies(rating: Int) -> Bool { rating <= lowRating }

    /// The recipients, in order and each once: the assignee when there is one, else those on call, then the
    /// service managers.
    public static func recipients(assignee: UUID?, onCall: [UUID], managers: [UUID]) -> [UUID] {
        if let assignee { return [assignee] }
        var seen = Set<UUID>()
        return (onCall + managers).filter { seen.insert($0).inserted }
    }
}
