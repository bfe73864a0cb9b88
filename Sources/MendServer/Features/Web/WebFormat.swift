import Foundation

/// Times on pages, in UTC until per-user zones arrive with calendars.
enum WebFormat {
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " UTC"
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
