import Foundation

/// The days a KPI answer covers, inclusive, in the MSP's time zone; a ticket falls in it by the event that ends the
/// measure (docs/kpis.md).
public struct KpiPeriod: Sendable, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    /// Local midnight of `from`, and of the day after `to`: the period is `start ..< end`.
    public var start: Instant
    public var end: Instant
    /// The longest period asked for at once.
    public static let maxDays = 5 * 366

    /// The period of `from` to `to` in the time zone of `zone` (a calendar whose hours do not matter).
    public init(from: LocalDate, to: LocalDate, zone: BusinessCalendar) {
        self.from = from
        self.to = to
        start = Date(timeIntervalSince1970: zone.instant(day: from.daysSinceEpoch, minute: 0))
        end = Date(timeIntervalSince1970: zone.instant(day: to.daysSinceEpoch + 1, minute: 0))
    }

    /// Reads `from` and `to` (YYYY-MM-DD); the month so far when both are missing, and the problems of a range that
    /// is inverted, longer than five years or half given.
    public static func parse(from: String?, to: String?, zone: BusinessCalendar, now: Instant) -> Result<
        KpiPeriod, ValidationError
    > {
        let today = LocalDate(daysSinceEpoch: zone.localDay(of: now.timeIntervalSince1970))
        var check = FieldChecker()
        let first = from.flatMap(LocalDate.init)
        let last = to.flatMap(LocalDate.init)
        if from != nil, first == nil { check.add("from", "must be a date as YYYY-MM-DD") }
        if to != nil, last == nil { check.add("to", "must be a date as YYYY-MM-DD") }
        if from == nil, to != nil { check.add("from", "is required with to") }
        // Mend keeps no ticket from before 1970, and a report of centuries is no report: the range checked is the
        // one answered, `to` defaulting to today.
        if let first, first.year < 1970 { check.add("from", "must be in 1970 or later") }
        if let last, last.year > 9998 { check.add("to", "must be before the year 9999") }
        if let first, let last = last ?? (from == nil ? nil : max(today, first)) {
            if last < first { check.add("to", "must not be before from") }
            if last.daysSinceEpoch - first.daysSinceEpoch + 1 > maxDays {
                check.add(to == nil ? "from" : "to", "must be at most 5 years before to (today when to is not given)")
            }
        }
        if !check.problems.isEmpty { return .failure(ValidationError(check.problems)) }
        let start = first ?? LocalDate(year: today.year, month: today.month, day: 1)
        return .success(KpiPeriod(from: start, to: last ?? max(today, start), zone: zone))
    }

    /// The period before, to compare with: as many whole months when the period is whole months, else as many days.
    public func previous(zone: BusinessCalendar) -> KpiPeriod {
        let next = LocalDate(daysSinceEpoch: to.daysSinceEpoch + 1)
        if from.day == 1, next.day == 1 {
            let months = (next.year - from.year) * 12 + next.month - from.month
            let total = from.year * 12 + (from.month - 1) - months
            let first = LocalDate(year: total / 12, month: total % 12 + 1, day: 1)
            return KpiPeriod(from: first, to: LocalDate(daysSinceEpoch: from.daysSinceEpoch - 1), zone: zone)
        }
        let days = to.daysSinceEpoch - from.daysSinceEpoch + 1
        return KpiPeriod(
            from: LocalDate(daysSinceEpoch: from.daysSinceEpoch - days),
            to: LocalDate(daysSinceEpoch: from.daysSinceEpoch - 1), zone: zone)
    }

    /// Whether `instant` falls in the period.
    public func contains(_ instant: Instant?) -> Bool {
        guard let instant else { return false }
        return instant >= start && instant < end
    }
}
