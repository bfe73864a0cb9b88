import Foundation
import MendCore

/// Measures recomputing a ticket's four clocks from a history of 500 events (statuses in and out of pauses,
/// client updates), on a business calendar with a split day, holidays and a daylight-saving change.
/// Usage: mend-sla-bench [REPLAYS]
@main
enum SlaBench {
    static func main() throws {
        let replays = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 2_000
        let calendar = try BusinessCalendar.parse(
            json: Data(
                #"""
                {"timezone": "America/New_York",
                 "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","12:00"],["13:00","17:00"]],
                          "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]},
                 "holidays": ["2026-03-09", "2026-11-26", "2026-12-25"]}
                """#.utf8))
        // 500 events over about two months from 2026-02-25, crossing the March change: a long-running P3.
        let start = Date(timeIntervalSince1970: 1_772_000_000)
        var facts: [SlaFact] = []
        var at = start
        let cycle: [TicketStatus] = [.inProgress, .waitingOnClient, .inProgress, .waitingOnVendor, .withSME]
        for index in 0..<500 {
            at = at.addingTimeInterval(Double(3_600 + (index * 7_919) % 14_400))
            switch index % 4 {
            case 0, 2: facts.append(.status(at, cycle[(index / 4) % cycle.count]))
            case 1: facts.append(.update(at))
            default: facts.append(.response(at))
            }
        }
        let history = SlaHistory(start: start, initialStatus: .new, facts: facts)
        let now = at.addingTimeInterval(3_600)
        var checksum = 0.0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<replays {
                let clocks = SlaEngine.clocks(history: history, priority: .p3, policy: .standard, calendar: calendar, now: now)
                checksum += Double(clocks.reduce(0) { $0 + $1.elapsed + $1.misses })
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format: "replays=%d events=%d seconds=%.3f per-replay=%.1f µs (checksum %.0f)", replays, facts.count, seconds,
                seconds / Double(replays) * 1e6, checksum))
    }
}
