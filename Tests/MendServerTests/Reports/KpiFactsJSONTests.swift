import Foundation
import MendCore
import Testing

@testable import MendServer

/// The hand-written facts text must be byte for byte what `JSONEncoder` writes, and read back to the same facts.
@Suite struct KpiFactsJSONTests {
    /// SplitMix64: the same facts on every run.
    private struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func instant(_ random: inout Seeded) -> Date {
        let second = Double(Int.random(in: 1_600_000_000...1_900_000_000, using: &random))
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Date(timeIntervalSince1970: second)
        case 1: return Date(timeIntervalSince1970: second + Double(Int.random(in: 0..<1_000, using: &random)) / 1_000)
        case 2: return Date(timeIntervalSince1970: second + Double.random(in: 0..<1, using: &random))
        default: return Date(timeIntervalSince1970: second).addingTimeInterval(Double.random(in: 0..<1, using: &random))
        }
    }

    private func maybe<T>(_ random: inout Seeded, _ make: (inout Seeded) -> T) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    private func measure(_ random: inout Seeded) -> TicketKpiFacts.Measure {
        var seconds: [TicketStatus: Int] = [:]
        for status in TicketStatus.allCases where Int.random(in: 0..<3, using: &random) == 0 {
            seconds[status] = Int.random(in: 0...2_000_000, using: &random)
        }
        return TicketKpiFacts.Measure(
            endedAt: instant(&random), businessSeconds: Int.random(in: 0...9_000_000, using: &random),
            wallSeconds: Int.random(in: 0...9_000_000, using: &random),
            pausedSeconds: Int.random(in: 0...100_000, using: &random), secondsByStatus: seconds)
    }

    private func facts(_ random: inout Seeded) -> TicketKpiFacts {
        var clocks: [SlaClockKind: TicketKpiFacts.Clock] = [:]
        for kind in SlaClockKind.allCases where Bool.random(using: &random) {
            clocks[kind] = TicketKpiFacts.Clock(
                outcome: TicketKpiFacts.Outcome.allCases.randomElement(using: &random)!,
                at: maybe(&random) { instant(&$0) })
        }
        var logged: [WorkType: Int] = [:]
        for work in WorkType.allCases where Bool.random(using: &random) {
            logged[work] = Int.random(in: 0...600, using: &random)
        }
        let breaches = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            TicketKpiFacts.BreachCause(
                clock: SlaClockKind.allCases.randomElement(using: &random)!, breachedAt: instant(&random),
                statusAtBreach: TicketStatus.allCases.randomElement(using: &random)!,
                longestStatus: TicketStatus.allCases.randomElement(using: &random)!,
                wasUnassigned: Bool.random(using: &random))
        }
        return TicketKpiFacts(
            startedAt: instant(&random), firstAssignee: maybe(&random) { _ in UUID() },
            resolvedBy: maybe(&random) { _ in UUID() }, response: maybe(&random) { measure(&$0) },
            restoration: maybe(&random) { measure(&$0) }, resolution: maybe(&random) { measure(&$0) },
            resolutions: Int.random(in: 0...3, using: &random), lastResolvedAt: maybe(&random) { instant(&$0) },
            exitedAt: maybe(&random) { instant(&$0) },
            exitStatus: maybe(&random) { TicketStatus.allCases.randomElement(using: &$0)! }, clocks: clocks,
            updateMisses: Int.random(in: 0...40, using: &random), breaches: breaches,
            firstContactResolution: maybe(&random) { Bool.random(using: &$0) }, reopened: Bool.random(using: &random),
            linkedFollowUps: Int.random(in: 0...2, using: &random), loggedMinutes: logged,
            surveySentAt: maybe(&random) { instant(&$0) }, rating: maybe(&random) { Int.random(in: 1...5, using: &$0) })
    }

    @Test func theTextIsWhatJSONEncoderWrites() throws {
        var random = Seeded(state: 20_261_207)
        for _ in 0..<5_000 {
            let facts = facts(&random)
            let text = KpiFactsJSON.text(facts)
            #expect(text == String(decoding: try KpiFactRows.encoder.encode(facts), as: UTF8.self))
            // Read back, the facts are written to the same text again (an instant's last bits may not survive
            // `Date`'s own round trip, with either writer).
            let read = try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data(text.utf8))
            #expect(KpiFactsJSON.text(read) == text)
            #expect(read.breaches.count == facts.breaches.count && read.clocks.keys == facts.clocks.keys)
        }
    }
}
