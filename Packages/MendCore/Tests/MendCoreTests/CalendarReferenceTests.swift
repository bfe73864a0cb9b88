import Foundation
import MendCore
import Testing

/// Checks the fast calendar arithmetic (offset tables, whole-week skips) against a plain reference that
/// walks minute ranges one local day at a time with Foundation's own offsets, on random inputs.
@Suite struct CalendarReferenceTests {
    static let json = #"""
        {"timezone": "Europe/London",
         "week": {"mon": [["08:00","17:00"]], "tue": [["00:30","01:30"],["13:00","24:00"]],
                  "wed": [["08:00","17:00"]], "fri": [["09:00","12:00"]], "sun": [["01:00","04:00"]]},
         "holidays": ["2026-03-30", "2026-10-26", "2026-12-25", "2027-01-01", "2027-03-29"]}
        """#

    /// The reference: local days in order, each range's ends turned into instants by Foundation.
    struct Reference {
        let zone = TimeZone(identifier: "Europe/London")!
        let week: [[(Int, Int)]] = [[(480, 1020)], [(30, 90), (780, 1440)], [(480, 1020)], [], [(540, 720)], [], [(60, 240)]]
        let holidays: Set<String> = ["2026-03-30", "2026-10-26", "2026-12-25", "2027-01-01", "2027-03-29"]

        func offset(_ t: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: t))) }

        func instant(day: Int, minute: Int) -> Double {
            let wall = Double(day * 86_400 + minute * 60)
            let options = [offset(wall - 86_400), offset(wall + 86_400)].filter { offset(wall - $0) == $0 }
            return options.map { wall - $0 }.min() ?? wall - offset(wall - 86_400)
        }

        func intervals(day: Int) -> [(Double, Double)] {
            let date = LocalDate(daysSinceEpoch: day)
            if holidays.contains(date.description) { return [] }
            return week[((day % 7) + 10) % 7].map { (instant(day: day, minute: $0.0), instant(day: day, minute: $0.1)) }
                .filter { $0.1 > $0.0 }
        }

        func day(of t: Double) -> Int { Int(((t + offset(t)) / 86_400).rounded(.down)) }

        func add(_ t: Double, _ seconds: Double) -> Double {
            if seconds == 0 { return t }
            var remaining = seconds
            var day = day(of: t)
            while true {
                for (begin, end) in intervals(day: day) where end > t {
                    let open = max(begin, t)
                    if remaining <= end - open { return open + remaining }
                    remaining -= end - open
                }
                day += 1
            }
        }

        func between(_ a: Double, _ b: Double) -> Int {
            var total = 0.0
            for day in day(of: a)...day(of: b) {
                for (begin, end) in intervals(day: day) { total += max(0, min(end, b) - max(begin, a)) }
            }
            return Int(total)
        }
    }

    @Test func fastArithmeticAgreesWithTheReference() throws {
        let calendar = try BusinessCalendar.parse(json: Data(Self.json.utf8))
        let reference = Reference()
        var random = SplitMix(seed: 42)
        let base = 1_767_225_600.0  // 2026-01-01
        for _ in 0..<3000 {
            let start = base + Double(random.next() % (500 * 86_400))
            let seconds = Int(random.next() % (60 * 86_400 / 4))
            let expected = reference.add(start, Double(seconds))
            let got = try calendar.add(Date(timeIntervalSince1970: start), seconds: seconds).timeIntervalSince1970
            #expect(got == expected, "add(\(Date(timeIntervalSince1970: start)), \(seconds))")
            let end = start + Double(random.next() % (90 * 86_400))
            #expect(
                try calendar.between(Date(timeIntervalSince1970: start), Date(timeIntervalSince1970: end))
                    == reference.between(start, end))
        }
    }

    @Test func localDatesRoundTripThroughDayNumbers() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: day).daysSinceEpoch == day)
        }
        #expect(LocalDate("2026-11-27")!.daysSinceEpoch == 20_784)
    }
}

/// A small seeded generator so a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct UTCTextTests {
    @Test func formatsLikeFoundation() {
        let foundation = ISO8601DateFormatter()
        var random = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double(random.next() % 8_000_000_000) - 2_000_000_000)
            #expect(UTCText.format(date) == foundation.string(from: date))
        }
    }
}
