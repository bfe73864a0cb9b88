import Foundation

/// One verification attempt with the client: when, and how it ended.
public struct VerificationAttempt: Sendable, Equatable {
    public var at: Instant
    public var outcome: VerificationOutcome

    public init(at: Instant, outcome: VerificationOutcome) {
        self.at = at
        self.outcome = outcome
    }
}

/// When verification with the client allows resolution (04c.02): a confirmation, or enough real tries that
/// went unanswered.
public struct VerificationRule: Sendable, Equatable {
    /// Three tries (for example phone, email, phone) before a silent client no longer holds the ticket open.
    public static let defaultUnansweredAttempts = 3
    /// An hour between tries: three clicks in a minute are one try, not three.
    public static let defaultRetryMinutes = 60

    /// Unanswered attempts needed (at least 1).
    public var unansweredNeeded: Int
    /// Minutes an unanswered attempt must follow the last one that counted to count itself.
    public var retryMinutes: Int

    public init(
        unansweredNeeded: Int = VerificationRule.defaultUnansweredAttempts,
        retryMinutes: Int = VerificationRule.defaultRetryMinutes
    ) {
        self.unansweredNeeded = max(1, unansweredNeeded)
        self.retryMinutes = max(0, retryMinutes)
    }

    /// Whether the attempts (in time order) since the last "still broken" meet the gate.
    public func gateMet(_ attempts: [VerificationAttempt]) -> Bool {
        let since = attempts.lastIndex { $0.outcome == .stillBroken }.map { attempts[($0 + 1)...] } ?? attempts[...]
        if since.contains(where: { $0.outcome == .confirmed }) { return true }
        return countedUnanswered(Array(since)) >= unansweredNeeded
    }

    /// The unanswered attempts that count: the first, then each one at least `retryMinutes` after the last counted.
    public func countedUnanswered(_ attempts: [VerificationAttempt]) -> Int {
        var counted = 0
        var last: Instant?
        for attempt in attempts where attempt.outcome == .noAnswer {
            if let last, attempt.at.timeIntervalSince(last) < Double(retryMinutes * 60) { continue }
            counted += 1
            last = attempt.at
        }
        return counted
    }
}
