import Foundation

/// ISO 8601 UTC text (`2026-11-30T14:00:00Z`) by civil-date arithmetic: Foundation's formatter builds an ICU
/// formatter per instance, which costs more than everything else the SLA scheduler does per event.
public enum UTCText {
    /// Whole seconds, `Z` suffix.
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let seconds = total - days * 86_400
        let day = LocalDate(daysSinceEpoch: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let year = String(day.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(day.month) + "-" + two(day.day) + "T"
            + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60) + "Z"
    }
}
