import Foundation

/// The calendar month a client service review covers, written YYYY-MM; its days are counted in the MSP's time zone,
/// like every KPI period, so a review's figures equal `/api/v1/kpis` for that company and month.
public struct ReviewMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    /// A month known to exist (1 to 12), built by arithmetic.
    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Reads YYYY-MM with ASCII digits only, from 1970-01 to 9998-12 (the years a KPI period can hold).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1970...9998).contains(year), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month holding `instant` in the time zone of `zone`.
    public static func containing(_ instant: Instant, zone: BusinessCalendar) -> ReviewMonth {
        let day = LocalDate(daysSinceEpoch: zone.localDay(of: instant.timeIntervalSince1970))
        return ReviewMonth(year: day.year, month: day.month)
    }

    /// The month `count` months after this one (before it when negative).
    public func adding(months count: Int) -> ReviewMonth {
        let index = year * 12 + month - 1 + count
        return ReviewMonth(year: index / 12, month: index % 12 + 1)
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1) }

    public var lastDay: LocalDate { LocalDate(daysSinceEpoch: adding(months: 1).firstDay.daysSinceEpoch - 1) }

    /// The month's days as a KPI period in the time zone of `zone`.
    public func period(zone: BusinessCalendar) -> KpiPeriod { KpiPeriod(from: firstDay, to: lastDay, zone: zone) }

    /// The six months a review's trend shows, oldest first, ending with this one.
    public func trend(zone: BusinessCalendar, count: Int = 6) -> [KpiPeriod] {
        KpiPeriod.trend(.month, count: count, endingWith: lastDay, zone: zone)
    }

    /// "November 2026".
    public var title: String { "\(Self.names[month - 1]) \(year)" }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public static func < (a: ReviewMonth, b: ReviewMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    static let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
}
