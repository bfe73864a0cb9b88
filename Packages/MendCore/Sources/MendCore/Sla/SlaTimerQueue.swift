import Foundation

/// The rules of the timer queue: a table with one row per running clock holding that clock's next timer (its
/// warning, then its breach). Firing a row deletes it, and a fired warning puts its breach in its place, so the
/// scheduler needs nothing but the row: it never reads or rewrites the ticket. Which timers fired is known from
/// which rows are gone when a ticket's clocks are next written.
public enum SlaTimerQueue {
    /// The key of the row that stands for a ticket whose clocks must be replayed (its policy or calendar changed).
    public static let replayKey = "replay"

    /// The rows a snapshot puts in the queue: per running clock, its earliest timer not fired.
    public static func heads(of snapshot: SlaSnapshot, fired: Set<String>) -> [SlaTimer] {
        var seen = Set<SlaClockKind>()
        return inClockOrder(snapshot.pendingTimers(fired: fired)).filter { seen.insert($0.clock).inserted }
    }

    /// Warnings before breaches: a clock's warning is queued first even when both fall on the same instant.
    static func inClockOrder(_ timers: [SlaTimer]) -> [SlaTimer] {
        timers.filter { !$0.isBreach } + timers.filter(\.isBreach)
    }

    /// The timer that takes a fired warning's place: the breach of the same clock at the warning's deadline.
    /// A breach has no follower here (a missed update cycle needs the clocks, so the scheduler replays those).
    public static func follower(of timer: SlaTimer) -> SlaTimer? {
        guard !timer.isBreach, let deadline = timer.deadline else { return nil }
        // "update.warning.3" → "update.breach.3": the cycle suffix stays.
        let key = timer.clock.rawValue + ".breach" + timer.key.dropFirst(timer.clock.rawValue.count + ".warning".count)
        return SlaTimer(key: key, clock: timer.clock, isBreach: true, at: deadline, deadline: deadline)
    }

    /// The keys that fired since `queued` (the pending timers of the stored snapshot) were put in the queue,
    /// given the keys of the rows still there: a clock's timers before its remaining row fired; a clock with no
    /// row left fired all of its pending timers.
    public static func firedSince(queued: [SlaTimer], remaining: Set<String>) -> Set<String> {
        var fired = Set<String>()
        for clock in Set(queued.map(\.clock)) {
            let timers = inClockOrder(queued.filter { $0.clock == clock })
            if let index = timers.firstIndex(where: { remaining.contains($0.key) }) {
                fired.formUnion(timers[..<index].map(\.key))
            } else {
                fired.formUnion(timers.map(\.key))
            }
        }
        return fired
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
