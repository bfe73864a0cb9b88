import Foundation

/// The step of a KPI trend: calendar months, or weeks from Monday to Sunday, in the MSP's time zone.
public enum KpiTrendUnit: String, Sendable, CaseIterable {
    case month, week
}

extension KpiPeriod {
    /// The `count` periods of `unit` that end with the one holding `day`, oldest first: the points of a trend chart.
    public static func trend(_ unit: KpiTrendUnit, count: Int, endingWith day: LocalDate, zone: BusinessCalendar)
        -> [KpiPeriod]
    {
        (0..<max(0, count)).reversed().map { back in
            switch unit {
            case .month:
                let index = day.year * 12 + day.month - 1 - back
                let first = LocalDate(year: index / 12, month: index % 12 + 1, day: 1)
                let nextIndex = index + 1
                let next = LocalDate(year: nextIndex / 12, month: nextIndex % 12 + 1, day: 1)
                return KpiPeriod(from: first, to: LocalDate(daysSinceEpoch: next.daysSinceEpoch - 1), zone: zone)
            case .week:
                let monday = day.monday.daysSinceEpoch - 7 * back
                return KpiPeriod(
                    from: LocalDate(daysSinceEpoch: monday), to: LocalDate(daysSinceEpoch: monday + 6), zone: zone)
            }
        }
    }

    /// The unit a trend of this period is drawn in: weeks for a quarter or less, months beyond.
    public var trendUnit: KpiTrendUnit { to.daysSinceEpoch - from.daysSinceEpoch < 92 ? .week : .month }
}
