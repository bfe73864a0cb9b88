import Foundation
import MendCore
import NIOConcurrencyHelpers

/// Times and durations on pages, for the person reading them: in their zone (`ReaderZone` sets it for each
/// request), with the zone named, and durations in days and hours once they pass a day.
enum WebFormat {
    /// The reader's zone while a request is answered; UTC elsewhere (the CLI, mail bodies, tests).
    @TaskLocal static var zone = Zone.utc

    /// A time zone and how pages name it.
    struct Zone: Sendable {
        var identifier: String
        var timeZone: TimeZone

        static let utc = Zone(identifier: "UTC", timeZone: TimeZone(identifier: "UTC")!)

        /// The zone of `identifier`, or nil for a name the system does not know.
        init?(_ identifier: String) {
            guard let timeZone = TimeZone(identifier: identifier) else { return nil }
            self.init(identifier: identifier, timeZone: timeZone)
        }

        private init(identifier: String, timeZone: TimeZone) {
            self.identifier = identifier
            self.timeZone = timeZone
        }

        /// `EST`, `CET`, `BST`, `GMT+9`: the short name at that instant, so summer and winter time read right.
        /// Foundation's `abbreviation(for:)` answers `GMT-5` on Linux; ICU's names come from a formatter, American
        /// ones first, then British (CET, BST), kept per zone and offset since a formatter is dear to make.
        func abbreviation(at date: Date) -> String {
            guard identifier != "UTC" else { return "UTC" }
            let key = "\(identifier) \(timeZone.secondsFromGMT(for: date))"
            if let known = Self.abbreviations.withLockedValue({ $0[key] }) { return known }
            func name(_ locale: String) -> String {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: locale)
                formatter.timeZone = timeZone
                formatter.dateFormat = "zzz"
                return formatter.string(from: date)
            }
            var found = name("en_US")
            if found.hasPrefix("GMT"), found != "GMT" { found = name("en_GB") }
            Self.abbreviations.withLockedValue { $0[key] = found }
            return found
        }

        private static let abbreviations = NIOLockedValueBox<[String: String]>([:])
    }

    /// `2026-11-30 09:00 EST` in the reader's zone. The civil arithmetic of MendCore, not a `DateFormatter` made per
    /// call: that was 7% of `mend kpis generate`'s time, and a queue page formats hundreds of times.
    static func time(_ date: Date) -> String {
        let zone = Self.zone
        let offset = zone.identifier == "UTC" ? 0 : zone.timeZone.secondsFromGMT(for: date)
        let text = UTCText.format(date.addingTimeInterval(Double(offset)))
        guard let split = text.firstIndex(of: "T") else { return text }
        return text[..<split] + " " + text[text.index(after: split)...].prefix(5) + " " + zone.abbreviation(at: date)
    }

    /// A time in a named zone (a client's), with the zone spelled out.
    static func time(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " " + zone
    }

    /// `45 min`, `3 h 20 min`, `57 d 7 h`: past a day, minutes no longer matter to a reader.
    static func minutes(_ total: Int) -> String {
        if total >= 1_440 { return "\(total / 1_440) d \(total % 1_440 / 60) h" }
        return total >= 60 ? "\(total / 60) h \(total % 60) min" : "\(total) min"
    }

    /// Text written when something happened (an event's summary, a notification) with its instants in ISO form
    /// (`2026-12-07T14:00:00Z`), each shown as a time in the reader's zone instead.
    static func readable(_ text: String) -> String {
        guard text.contains("T"), text.contains("Z") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z"#, options: .regularExpression) {
            result += rest[..<range.lowerBound]
            let instant = String(rest[range])
            if let date = CalendarInstant.parse(instant) { result += time(date) } else { result += instant }
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
