import Foundation

/// An on-call rotation (PRODUCT.md section 4): members in order, handing off daily or weekly at a local
/// time in a time zone, starting on a local date, with overrides where someone covers a period.
public struct Rotation: Sendable, Equatable {
    public enum Cadence: Sendable, Equatable {
        case daily
        /// Hands off on this weekday, 0 = Monday.
        case weekly(weekday: Int)
    }

    /// Someone covering `[start, end)` instead of the scheduled member.
    public struct Override: Sendable, Equatable {
        public var start: Instant
        public var end: Instant
        public var member: String

        public init(start: Instant, end: Instant, member: String) {
            self.start = start
            self.end = end
            self.member = member
        }
    }

    /// One stretch of duty.
    public struct Shift: Sendable, Equatable {
        public var start: Instant
        public var end: Instant
        public var member: String
        public var isOverride: Bool
    }

    public let timezone: String
    public let members: [String]
    public let cadence: Cadence
    /// Minutes after local midnight of the handoff.
    public let handoffMinute: Int
    /// The local date of the first handoff (for weekly, moved forward to the first handoff weekday).
    public let startDate: LocalDate
    public let overrides: [Override]
    let clock: BusinessCalendar

    /// Validates and builds; every problem is named by field.
    public init(
        timezone: String, members: [String], cadence: Cadence, handoff: String, startDate: LocalDate, overrides: [Override] = []
    ) throws(ValidationError) {
        var check = FieldChecker()
        if !TimeZoneNames.isKnown(timezone) { check.add("timezone", "is not a known IANA time zone") }
        if members.isEmpty { check.add("members", "must name at least one person") }
        for (index, member) in members.enumerated() where member.trimmingCharacters(in: .whitespaces).isEmpty {
            check.add("members[\(index)]", "must not be blank")
        }
        let minute = OpenRange.minutes(handoff)
        if (minute ?? 1440) >= 1440 { check.add("handoff", "must be a local time HH:MM from 00:00 to 23:59") }
        if case .weekly(let weekday) = cadence, !(0...6).contains(weekday) {
            check.add("cadence", "must hand off on a weekday (mon to sun)")
        }
        for (index, item) in overrides.enumerated() {
            if item.end <= item.start { check.add("overrides[\(index)]", "must end after it starts") }
            if item.member.trimmingCharacters(in: .whitespaces).isEmpty { check.add("overrides[\(index)].member", "is required") }
        }
        try check.check()
        self.timezone = timezone
        self.members = members
        self.cadence = cadence
        self.handoffMinute = minute!
        self.startDate = startDate
        self.overrides = overrides
        // A calendar of the zone gives local days and wall-time instants with the DST rules of calendars.
        clock = try BusinessCalendar(
            timezone: timezone, week: Array(repeating: [], count: 6) + [[OpenRange(start: 0, end: 1)]], holidays: [])
    }

    /// Who is on call at `instant`: an override covering it (the latest listed wins), else the scheduled
    /// member; nil before the rotation's first handoff.
    public func onCall(at instant: Instant) -> String? {
        if let covering = overrides.last(where: { $0.start <= instant && instant < $0.end }) { return covering.member }
        return scheduled(at: instant)?.member
    }

    /// The scheduled shift (ignoring overrides) that contains `instant`.
    public func scheduled(at instant: Instant) -> Shift? {
        let t = instant.timeIntervalSince1970
        let step = cadence == .daily ? 1 : 7
        var day = clock.localDay(of: t)
        // The most recent handoff day at or before `instant`.
        if case .weekly(let weekday) = cadence {
            let today = ((day % 7) + 7 + 3) % 7
            day -= (today - weekday + 7) % 7
        }
        if handoff(day) > t { day -= step }
        let first = firstHandoffDay
        guard day >= first else { return nil }
        let index = ((day - first) / step) % members.count
        return Shift(
            start: Date(timeIntervalSince1970: handoff(day)), end: Date(timeIntervalSince1970: handoff(day + step)),
            member: members[index], isOverride: false)
    }

    /// The shifts between `from` and `to`, overrides cut in, for showing the coming weeks.
    public func shifts(from: Instant, to: Instant) -> [Shift] {
        var result: [Shift] = []
        var cursor = from
        while cursor < to {
            guard let shift = scheduled(at: cursor) else {
                let first = Date(timeIntervalSince1970: handoff(firstHandoffDay))
                if first >= to { break }
                cursor = first
                continue
            }
            result.append(
                Shift(start: max(shift.start, cursor), end: min(shift.end, to), member: shift.member, isOverride: false))
            cursor = shift.end
        }
        // Overrides replace the scheduled member for their span.
        for item in overrides where item.end > from && item.start < to {
            var cut: [Shift] = []
            for shift in result {
                if shift.end <= item.start || shift.start >= item.end {
                    cut.append(shift)
                    continue
                }
                if shift.start < item.start {
                    cut.append(Shift(start: shift.start, end: item.start, member: shift.member, isOverride: false))
                }
                if shift.end > item.end {
                    cut.append(Shift(start: item.end, end: shift.end, member: shift.member, isOverride: false))
                }
            }
            cut.append(Shift(start: max(item.start, from), end: min(item.end, to), member: item.member, isOverride: true))
            result = cut.sorted { $0.start < $1.start }
        }
        return result
    }

    /// The local day of the first handoff: the start date, moved to the handoff weekday for weekly rotations.
    var firstHandoffDay: Int {
        let day = startDate.daysSinceEpoch
        guard case .weekly(let weekday) = cadence else { return day }
        let current = ((day % 7) + 7 + 3) % 7
        return day + (weekday - current + 7) % 7
    }

    /// The handoff instant on a local day; a handoff in a spring-forward gap moves forward by the gap.
    func handoff(_ day: Int) -> Double {
        clock.instant(day: day, minute: handoffMinute)
    }
}
