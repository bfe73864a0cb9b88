import Foundation
import MendCore

/// Measures `BusinessCalendar.add` on one core: spans from minutes to six weeks, on a calendar with a split
/// day, holidays and a daylight-saving change in range. Usage: mend-calendar-bench [OPERATIONS]
@main
enum CalendarBench {
    static func main() throws {
        let operations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
        let calendar = try BusinessCalendar.parse(
            json: Data(
                #"""
                {"timezone": "America/New_York",
                 "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","12:00"],["13:00","17:00"]],
                          "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]},
                 "holidays": ["2026-03-09", "2026-11-26", "2026-12-25"]}
                """#.utf8))
        // Starts spread over the weeks around the March and November changes; spans 5 minutes to 6 weeks of business time.
        var generator = SystemRandomNumberGenerator()
        let base = Date(timeIntervalSince1970: 1_772_000_000)  // 2026-02-25
        let inputs = (0..<1024).map { _ in
            (
                base.addingTimeInterval(Double.random(in: 0...(280 * 86_400), using: &generator)),
                Int.random(in: 300...(6 * 5 * 9 * 3600), using: &generator)
            )
        }
        var checksum = 0.0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for i in 0..<operations {
                let (start, seconds) = inputs[i & 1023]
                checksum += try calendar.add(start, seconds: seconds).timeIntervalSince1970
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format: "operations=%d seconds=%.3f rate=%.0f/s (checksum %.0f)", operations, seconds,
                Double(operations) / seconds, checksum))
    }
}
