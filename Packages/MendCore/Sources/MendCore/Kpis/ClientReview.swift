import Foundation

/// The rules of a client's monthly service review (docs/kpis.md): which tickets it lists, which breaches it
/// explains and where the time went over all priorities. Its figures are `KpiFigures` over the client's facts for
/// the month, the same as `/api/v1/kpis` with that company and month.
public enum ClientReview {
    /// Where one clock's business time went at this client, over all priorities.
    public struct ClockTime: Sendable, Equatable, Codable {
        public var clock: SlaClockKind
        public var tickets: Int
        public var totalSeconds: Int
        public var pausedSeconds: Int
        public var secondsByStatus: [TicketStatus: Int]

        /// The share of the clock's time spent in `status`; nil without time.
        public func share(_ status: TicketStatus) -> Double? {
            totalSeconds == 0 ? nil : Double(secondsByStatus[status] ?? 0) / Double(totalSeconds)
        }
    }

    /// A ticket belongs to the month's review when it was opened in the month or something of it ended in the
    /// month (a response, a restoration, a resolution, an SLA clock, a survey): the client sees what it raised and
    /// what was done for it.
    public static func lists(openedAt: Instant, facts: TicketKpiFacts?, in period: KpiPeriod) -> Bool {
        period.contains(openedAt) || (facts?.endInstants.contains(where: period.contains) ?? false)
    }

    /// The ticket's breaches that happened in the month, in the order they happened.
    public static func breaches(of facts: TicketKpiFacts, in period: KpiPeriod) -> [TicketKpiFacts.BreachCause] {
        facts.breaches.filter { period.contains($0.breachedAt) }.sorted { $0.breachedAt < $1.breachedAt }
    }

    /// The time-by-status figures summed over priorities, one entry per clock with counted time, in clock order.
    public static func timeByClock(_ figures: KpiFigures) -> [ClockTime] {
        SlaClockKind.allCases.compactMap { clock in
            let rows = figures.timeByStatus.filter { $0.clock == clock }
            guard !rows.isEmpty else { return nil }
            var seconds: [TicketStatus: Int] = [:]
            for row in rows { seconds.merge(row.secondsByStatus, uniquingKeysWith: +) }
            return ClockTime(
                clock: clock, tickets: rows.map(\.tickets).reduce(0, +), totalSeconds: rows.map(\.totalSeconds).reduce(0, +),
                pausedSeconds: rows.map(\.pausedSeconds).reduce(0, +), secondsByStatus: seconds)
        }
    }
}
