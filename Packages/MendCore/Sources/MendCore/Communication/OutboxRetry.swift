import Foundation

/// When a message that failed to go out is tried again: exponential backoff, then given up.
public struct OutboxRetry: Sendable, Equatable {
    /// The first retry waits this long; each later one twice as long as the one before.
    public var baseSeconds: Int
    /// No wait is longer than this.
    public var maxSeconds: Int
    /// After this many failed attempts the message is marked failed and shown to staff.
    public var maxAttempts: Int

    /// 30 s, 1, 2, 4 ... minutes up to an hour, eight attempts: about two hours of an SMTP server being down.
    public static let standard = OutboxRetry(baseSeconds: 30, maxSeconds: 3_600, maxAttempts: 8)

    public init(baseSeconds: Int, maxSeconds: Int, maxAttempts: Int) {
        self.baseSeconds = baseSeconds
        self.maxSeconds = maxSeconds
        self.maxAttempts = maxAttempts
    }

    /// What follows the `attempts`-th failed attempt (1-based): the next try, or nil when it is given up.
    public func nextAttempt(after attempts: Int, failedAt now: Instant) -> Instant? {
        guard attempts < maxAttempts else { return nil }
        let exponent = min(max(attempts - 1, 0), 30)
        let wait = min(Double(baseSeconds) * pow(2, Double(exponent)), Double(maxSeconds))
        return now.addingTimeInterval(wait)
    }
}
