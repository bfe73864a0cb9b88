import Foundation
import MendCore

/// A calendar typed into a form: a time zone, one text per weekday ("08:00-12:00, 13:00-17:00") and
/// holidays one per line; MendCore's calendar parser names whatever is wrong.
enum CalendarForm {
    /// One weekday's row with the text to show.
    struct Day: Encodable {
        var key: String
        var label: String
        var ranges: String
    }

    static let dayLabels = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The calendar JSON object the submitted form stands for.
    static func object(from form: [String: String]) -> [String: Any] {
        var week: [String: Any] = [:]
        for key in BusinessCalendar.dayKeys {
            let text = form["day-\(key)"]?.trimmed ?? ""
            guard !text.isEmpty else { continue }
            // Each piece a [start, end] pair; a piece without "-" is left for the calendar parser to name.
            week[key] = text.split(separator: ",").map { piece -> [String] in
                piece.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmed }
            }
        }
        let holidays = (form["holidays"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "\r" })
            .map { String($0).trimmed }.filter { !$0.isEmpty }
        return ["timezone": form["timezone"]?.trimmed ?? "", "week": week, "holidays": holidays]
    }

    /// The weekday rows of a stored calendar, or of a refused form's values.
    static func days(_ calendar: CalendarBody?, form: [String: String]?) -> [Day] {
        BusinessCalendar.dayKeys.enumerated().map { index, key in
            Day(
                key: key, label: dayLabels[index],
                ranges: form?["day-\(key)"]
                    ?? (calendar?.week[key] ?? []).map { $0.joined(separator: "-") }.joined(separator: ", "))
        }
    }
}
