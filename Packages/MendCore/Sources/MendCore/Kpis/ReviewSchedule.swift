import Foundation

/// How a client's monthly service review reaches its contacts: only when the MSP sends it, or also by itself on the
/// first working day of each month.
public enum ReviewDelivery: String, Sendable, Codable, CaseIterable {
    case onDemand = "on_demand"
    case monthly
}

/// When the monthly review goes out by itself: at the first open moment of the month's first working day on the
/// client's calendar (the one its SLA clocks use), covering the month before.
public enum ReviewSchedule {
    /// The first open instant of `month` on `calendar`, in the calendar's own time zone; nil when the calendar has
    /// no open hour in the whole month (holidays throughout), so that month sends nothing by itself.
    public static func firstWorkingMoment(of month: ReviewMonth, calendar: BusinessCalendar) -> Instant? {
        let first = month.firstDay.daysSinceEpoch
        for day in first...month.lastDay.daysSinceEpoch {
            var found: Double?
            calendar.forEachInterval(onDay: day) { begin, end in
                guard end > begin else { return true }
                found = begin
                return false
            }
            if let found { return Date(timeIntervalSince1970: found) }
        }
        return nil
    }

    /// The month whose review is due at `now`: the month before the current one (on `calendar`'s zone) once the
    /// current month's first working moment has come; nil before it. A server that was down that day still sends
    /// it later in the month: a late review is better than none, and the record of sent reviews keeps it to one.
    public static func due(now: Instant, calendar: BusinessCalendar) -> ReviewMonth? {
        let current = ReviewMonth.containing(now, zone: calendar)
        guard let moment = firstWorkingMoment(of: current, calendar: calendar), now >= moment else { return nil }
        return current.adding(months: -1)
    }
}
