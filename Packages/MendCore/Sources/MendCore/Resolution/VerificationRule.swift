import Foundation

/// When verification with the client allows resolution (04c.02): a confirmation, or enough unanswered attempts.
public enum VerificationRule {
    /// Three tries (for example phone, email, phone) before a silent client no longer holds the ticket open.
    public static let defaultUnansweredAttempts = 3

    /// Whether the attempts since the last "still broken" meet the gate.
    public static func gateMet(_ outcomes: [VerificationOutcome], unansweredNeeded: Int) -> Bool {
        let since = outcomes.lastIndex(of: .stillBroken).map { outcomes[($0 + 1)...] } ?? outcomes[...]
        if since.contains(.confirmed) { return true }
        return since.filter { $0 == .noAnswer }.count >= max(1, unansweredNeeded)
    }
}

/// What a reopen request becomes: a reopen inside the window, a new linked ticket after it.
public enum ReopenDecision: Sendable, Equatable {
    case reopen
    case newLinkedTicket

    /// Decides for a ticket that exited at `exitedAt` (nil: it never exited, so there is nothing to reopen).
    public static func decide(exitedAt: Instant?, now: Instant, windowSeconds: Int) -> ReopenDecision {
        guard let exitedAt else { return .reopen }
        return now.timeIntervalSince(exitedAt) > Double(windowSeconds) ? .newLinkedTicket : .reopen
    }
}
