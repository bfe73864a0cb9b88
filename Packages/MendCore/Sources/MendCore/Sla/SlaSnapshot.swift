import Foundation

/// What a ticket stores after a replay: the policy's name, the calendar used and the clocks, so any page
/// or API read can show the clocks at its own instant without the history.
public struct SlaSnapshot: Sendable, Codable, Equatable {
    public var policy: String
    /// The calendar's JSON form (`BusinessCalendar.jsonText`).
    public var calendar: String
    public var clocks: [SlaClock]

    public init(policy: String, calendar: String, clocks: [SlaClock]) {
        self.policy = policy
        self.calendar = calendar
        self.clocks = clocks
    }

    /// The timers not yet fired, earliest first.
    public func pendingTimers(fired: Set<String>) -> [SlaTimer] {
        clocks.flatMap(\.timers).filter { !fired.contains($0.key) }.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
    }

    /// The nearest target among clocks still counting (for sorting queues by deadline).
    public var nearestDue: Instant? {
        clocks.filter { $0.phase == .running }.compactMap(\.dueAt).min()
    }

    /// The earliest warning instant among clocks still counting (running or paused): once it has come,
    /// the ticket is at risk or breached.
    public var nearestWarning: Instant? {
        clocks.filter { $0.phase == .running || $0.phase == .paused }.compactMap { $0.warnAt ?? $0.dueAt }.min()
    }
}
