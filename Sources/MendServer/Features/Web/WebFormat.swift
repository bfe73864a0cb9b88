import Foundation
import MendCore

/// Times on pages, in UTC until per-user zones arrive with calendars.
enum WebFormat {
    /// `2026-11-30 14:00 UTC`, by MendCore's civil arithmetic: a `DateFormatter` made per call was 7% of
    /// `mend kpis generate`'s time, and a queue page formats hundreds of times.
    static func time(_ date: Date) -> String {
        let text = UTCText.format(date)
        guard let split = text.firstIndex(of: "T") else { return text }
        return text[..<split] + " " + text[text.index(after: split)...].prefix(5) + " UTC"
    }

    /// A time in a named zone (a client's), with the zone spelled out.
    static func time(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " " + zone
    }

    static func minutes(_ total: Int) -> String {
        total >= 60 ? "\(total / 60) h \(total % 60) min" : "\(total) min"
    }
}
