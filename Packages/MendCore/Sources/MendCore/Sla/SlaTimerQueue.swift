import Foundation

/// The rules of the timer queue: a table with one row per timer still to fire (each running clock's warning and
/// breach). Firing a row deletes it and needs nothing else, so the scheduler never reads or rewrites the ticket,
/// and a fired warning writes no row for its breach: that row is already queued. Which timers fired is known
/// from which rows are gone when a ticket's clocks are next written.
public enum SlaTimerQueue {
    /// The key of the row that stands for a ticket whose clocks must be replayed (its policy or calendar changed).
    public static let replayKey = "replay"

    /// The rows a snapshot puts in the queue: every timer of its running clocks not fired yet.
    public static func rows(of snapshot: SlaSnapshot, fired: Set<String>) -> [SlaTimer] {
        snapshot.pendingTimers(fired: fired)
    }

    /// The breach of a warning's clock, due at the warning's deadline: the row that a queue from before each
    /// timer had its own row lacks (migration M016 adds them).
    public static func breach(of timer: SlaTimer) -> SlaTimer? {
        guard !timer.isBreach, let deadline = timer.deadline else { return nil }
        // "update.warning.3" → "update.breach.3": the cycle suffix stays.
        let key = timer.clock.rawValue + ".breach" + timer.key.dropFirst(timer.clock.rawValue.count + ".warning".count)
        return SlaTimer(key: key, clock: timer.clock, isBreach: true, at: deadline, deadline: deadline)
    }

    /// The keys that fired since `queued` (the pending timers of the stored snapshot) were put in the queue,
    /// given the keys of the rows still there: every row gone fired.
    public static func firedSince(queued: [SlaTimer], remaining: Set<String>) -> Set<String> {
        Set(queued.map(\.key)).subtracting(remaining)
    }

    /// The clock a timer key belongs to, and whether it is a breach (`response.breach`, `update.warning.3`).
    public static func timer(key: String, at: Instant, deadline: Instant?) -> SlaTimer? {
        guard let dot = key.firstIndex(of: "."), let clock = SlaClockKind(rawValue: String(key[..<dot])) else { return nil }
        let rest = key[key.index(after: dot)...]
        let isBreach = rest.hasPrefix("breach")
        guard isBreach || rest.hasPrefix("warning") else { return nil }
        return SlaTimer(key: key, clock: clock, isBreach: isBreach, at: at, deadline: deadline)
    }
}
