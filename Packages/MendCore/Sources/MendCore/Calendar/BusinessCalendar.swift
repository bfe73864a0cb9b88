import Foundation

/// A business calendar: an IANA time zone, open ranges per weekday, and holiday dates (PRODUCT.md section 3).
/// Build one with `BusinessCalendar.parse(json:)` or `init(timezone:week:holidays:)`, both of which validate.
public struct BusinessCalendar: Sendable, Equatable {
    /// Days of the week as the JSON form names them, Monday first.
    public static let dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public let timezone: String
    /// Open ranges per weekday, index 0 = Monday; each range is [start, end) in minutes after local midnight.
    public let week: [[OpenRange]]
    public let holidays: Set<LocalDate>
    let zone: TimeZone
    /// Derived once so arithmetic never asks Foundation: offsets, holidays as day numbers, open seconds.
    let offsets: ZoneOffsetTable
    let holidayDays: [Int]
    let dayOpenSeconds: [Double]
    let weekOpenSeconds: Double

    /// Validates and builds a calendar; every problem is reported with its field.
    public init(timezone: String, week: [[OpenRange]], holidays: Set<LocalDate>) throws(ValidationError) {
        var check = FieldChecker()
        let zone = TimeZoneNames.isKnown(timezone) ? TimeZone(identifier: timezone) : nil
        if zone == nil { check.add("timezone", "is not a known IANA time zone") }
        if week.count != 7 { check.add("week", "must have seven days") }
        for (day, ranges) in week.enumerated() where day < 7 {
            for (index, range) in ranges.enumerated() {
                let field = "week.\(Self.dayKeys[day])[\(index)]"
                if range.start >= range.end { check.add(field, "must end after it starts") }
                if index > 0, range.start < ranges[index - 1].end {
                    check.add(field, "overlaps or comes before the range before it")
                }
            }
        }
        if week.allSatisfy(\.isEmpty) { check.add("week", "has no open time at all") }
        try check.check()
        guard let zone else { throw ValidationError(field: "timezone", "is not a known IANA time zone") }
        self.timezone = timezone
        self.week = week
        self.holidays = holidays
        self.zone = zone
        offsets = ZoneOffsetTable.of(zone)
        holidayDays = holidays.map(\.daysSinceEpoch).sorted()
        dayOpenSeconds = week.map { ranges in Double(ranges.reduce(0) { $0 + $1.end - $1.start } * 60) }
        weekOpenSeconds = dayOpenSeconds.reduce(0, +)
    }

    public static func == (a: BusinessCalendar, b: BusinessCalendar) -> Bool {
        a.timezone == b.timezone && a.week == b.week && a.holidays == b.holidays
    }

    /// A calendar open all day every day in `timezone`: the MSP's days for reports, whose hours do not matter.
    public static func allDay(in timezone: String) throws(ValidationError) -> BusinessCalendar {
        try BusinessCalendar(
            timezone: timezone, week: Array(repeating: [OpenRange(start: 0, end: 1440)], count: 7), holidays: [])
    }

    /// A calendar open all day every day in UTC: the "24x7" clock.
    public static let always = try! BusinessCalendar(
        timezone: "UTC", week: Array(repeating: [OpenRange(start: 0, end: 1440)], count: 7), holidays: [])
}

/// One open range of a day, in minutes after local midnight; `end` may be 1440 ("24:00").
public struct OpenRange: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses "HH:MM" (00:00 to 24:00); nil when malformed.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0
        else { return nil }
        return h * 60 + m
    }
}

/// Why a calendar operation could not answer.
public enum CalendarError: Error, Sendable, Equatable {
    /// `between` was asked for an end before its start.
    case endBeforeStart
    /// A negative duration was asked of `add`.
    case negativeDuration
}
