import Foundation

extension LocalDate {
    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The Monday of this date's week (weeks run Monday to Sunday, as ISO 8601 has them).
    public var monday: LocalDate {
        adding(days: -weekdayIndex)
    }

    /// Monday is 0, Sunday 6. 1970-01-01 was a Thursday: three days after a Monday.
    public var weekdayIndex: Int { ((daysSinceEpoch + 3) % 7 + 7) % 7 }
}
