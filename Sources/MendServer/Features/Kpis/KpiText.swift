import Foundation
import MendCore

/// KPI figures in words for pages: durations, shares and the change from the period before.
enum KpiText {
    /// Seconds as hours and minutes ("3 h 05 min"), days beyond two days ("4 d 6 h").
    static func duration(_ seconds: Int) -> String {
        let minutes = (seconds + 30) / 60
        if minutes >= 48 * 60 { return "\(minutes / 1_440) d \(minutes % 1_440 / 60) h" }
        if minutes >= 60 { return "\(minutes / 60) h " + String(format: "%02d", minutes % 60) + " min" }
        return "\(minutes) min"
    }

    static func duration(_ seconds: Double?) -> String {
        seconds.map { duration(Int($0.rounded())) } ?? "–"
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "–" }
        return String(format: "%.1f%%", share * 100)
    }

    static func rating(_ mean: Double?) -> String {
        mean.map { String(format: "%.2f / 5", $0) } ?? "–"
    }

    static func minutes(_ mean: Double) -> String { String(format: "%.0f min", mean) }

    /// Statuses by how often they were counted, most first, then by name.
    static func byCount(_ counts: [TicketStatus: Int]) -> [(status: TicketStatus, count: Int)] {
        counts.sorted { ($1.value, $0.key.title) < ($0.value, $1.key.title) }.map { ($0.key, $0.value) }
    }

    /// The change from `before` to `now` in words; `lowerIsBetter` says which way is an improvement.
    static func change(_ now: Double?, _ before: Double?, lowerIsBetter: Bool, points: Bool = false) -> Change {
        guard let now, let before else { return Change(text: "no comparison", direction: "flat") }
        let difference = now - before
        if abs(difference) < 1e-9 { return Change(text: "unchanged", direction: "flat") }
        let better = lowerIsBetter ? difference < 0 : difference > 0
        let text: String
        if points {
            text = String(format: "%+.1f points", difference * 100)
        } else if before != 0 {
            text = String(format: "%+.0f%%", difference / before * 100)
        } else {
            text = difference > 0 ? "up from none" : "down"
        }
        return Change(text: text, direction: better ? "better" : "worse")
    }

    /// A change and whether it is for the better (`better`, `worse` or `flat`), which the page colours.
    struct Change: Encodable {
        var text: String
        var direction: String
    }
}
