import Foundation

/// The MSP-local days of instants, for the daily KPI totals: which day an instant falls on, when a day starts, and
/// the same in pieces a database can compute with arithmetic alone (it knows no time zones).
public enum KpiDays {
    /// One run of days: instants before `until` (and after the run before) fall on `day` when it is given (a day
    /// of 23 or 25 hours), else on `floor((instant + offset) / 86,400)`.
    public struct Segment: Sendable, Equatable {
        public var until: Instant
        public var offset: Int
        public var day: Int?
    }

    /// The local day (days since 1970-01-01) of `instant` in the zone of `zone`.
    public static func day(of instant: Instant, zone: BusinessCalendar) -> Int {
        zone.localDay(of: instant.timeIntervalSince1970)
    }

    /// Local midnight of `day`.
    public static func start(of day: Int, zone: BusinessCalendar) -> Instant {
        Date(timeIntervalSince1970: zone.instant(day: day, minute: 0))
    }

    /// The local day of `start`, when it is a local midnight.
    public static func day(startingAt start: Instant, zone: BusinessCalendar) -> Int? {
        let day = day(of: start, zone: zone)
        return Self.start(of: day, zone: zone) == start ? day : nil
    }

    /// Pieces that give the day of every instant from the start of `first` to the end of `last`: one per run of
    /// 24-hour days with the same offset, one per day a clock change lengthens or shortens.
    public static func segments(from first: Int, through last: Int, zone: BusinessCalendar) -> [Segment] {
        var segments: [Segment] = []
        var day = first
        var start = zone.instant(day: first, minute: 0)
        while day <= last {
            let end = zone.instant(day: day + 1, minute: 0)
            if end - start == 86_400 {
                let offset = day * 86_400 - Int(start)
                if let previous = segments.last, previous.day == nil, previous.offset == offset {
                    segments[segments.count - 1].until = Date(timeIntervalSince1970: end)
                } else {
                    segments.append(Segment(until: Date(timeIntervalSince1970: end), offset: offset, day: nil))
                }
            } else {
                segments.append(Segment(until: Date(timeIntervalSince1970: end), offset: 0, day: day))
            }
            day += 1
            start = end
        }
        return segments
    }

    /// The day of `instant` by `segments`, as a database computes it; nil past the last.
    public static func day(of instant: Instant, segments: [Segment]) -> Int? {
        guard let segment = segments.first(where: { instant < $0.until }) else { return nil }
        if let day = segment.day { return day }
        return Int(((instant.timeIntervalSince1970 + Double(segment.offset)) / 86_400).rounded(.down))
    }
}
