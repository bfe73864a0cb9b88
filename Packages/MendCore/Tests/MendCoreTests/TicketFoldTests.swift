import Foundation
import MendCore
import Testing

/// A fold carried forward event by event, through its stored text, gives at every step the clocks and KPI facts of
/// the full replay of the history so far: thousands of random histories, each checked after every event.
@Suite struct TicketFoldTests {
    /// A small deterministic generator (SplitMix64), so a failing history can be replayed from its seed.
    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }

        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    static let engineers: [UUID?] = [nil, UUID(), UUID(), UUID()]

    static let calendars = [
        BusinessCalendar.contractDefault(coverage: nil, timezone: "America/New_York"),
        BusinessCalendar.contractDefault(coverage: "24x7", timezone: "UTC"),
        try! BusinessCalendar.parse(
            json: Data(
                #"{"timezone":"Asia/Tokyo","week":{"mon":[["09:00","12:00"],["13:00","18:00"]],"wed":[["09:00","17:00"]],"sat":[["10:00","14:00"]]},"holidays":["2026-12-02","2026-12-09"]}"#
                    .utf8)),
    ]

    /// The shipped policy, or one with random targets, bases and pausing statuses.
    static func policy(_ random: inout Random) -> SlaPolicy {
        guard random.chance(60) else { return .standard }
        var targets: [Priority: [SlaClockKind: SlaTarget]] = [:]
        for priority in Priority.allCases {
            var row: [SlaClockKind: SlaTarget] = [:]
            for kind in SlaClockKind.allCases where random.chance(85) {
                let paused = Set(TicketStatus.allCases.filter { _ in random.chance(15) })
                row[kind] = SlaTarget(
                    minutes: random.int(1...1_500), basis: random.chance(30) ? .always : .business, pausedBy: paused)
            }
            targets[priority] = row
        }
        return SlaPolicy(name: "Random", warningPercent: random.int(1...99), targets: targets)
    }

    /// An opening, then events seconds to days apart (several at one instant now and then).
    static func history(_ random: inout Random, start: Instant) -> (events: [HistoryEvent], initialAssignee: UUID?) {
        let initialAssignee = random.pick(engineers)
        var assignee = initialAssignee
        var at = start.addingTimeInterval(Double(random.pick([0, 0, 5, 600])))
        var events = [HistoryEvent(at: at, actor: random.pick(engineers), .opened(random.pick([.new, .assigned])))]
        for _ in 0..<random.int(0...24) {
            at = at.addingTimeInterval(Double(random.pick([0, 1, 59, 900, 3_600, 7_200, 30_000, 86_400, 200_000])))
            let actor = random.pick(engineers)
            let change: HistoryChange
            switch random.int(0...11) {
            case 0...3: change = .moved(random.pick(TicketStatus.allCases))
            case 4: change = .reopened(random.pick([.inProgress, .assigned]))
            case 5, 6: change = .note(onstage: random.chance(60), byClient: random.chance(25), tier2: random.chance(80))
            case 7: change = .clientMessage
            case 8:
                let to = random.pick(engineers)
                change = .assigned(from: assignee, to: to)
                assignee = to
            case 9: change = random.pick([.escalated, .smeTookOver, .dispatched])
            case 10: change = random.pick([.vendorCase, .thirdParty])
            default: change = .linkedFollowUp
            }
            events.append(HistoryEvent(at: at, actor: actor, change))
        }
        return (events, initialAssignee)
    }

    /// The assignee after `events`: the last assignment's, else the one the ticket was opened with.
    static func assignee(after events: ArraySlice<HistoryEvent>, initial: UUID?) -> UUID? {
        for event in events.reversed() {
            if case .assigned(_, let to) = event.change { return to }
        }
        return initial
    }

    @Test(arguments: 0..<8) func carriedForwardEqualsTheFullReplayAfterEveryEvent(batch: Int) throws {
        var random = Random(state: UInt64(batch) &* 0x1234_5678_9ABC_DEF1)
        for _ in 0..<250 {
            let seed = random.next()
            var r = Random(state: seed)
            let start = Date(timeIntervalSince1970: 1_795_000_000 + Double(r.int(0...2_000_000)))
            let policy: SlaPolicy? = r.chance(90) ? Self.policy(&r) : nil
            let priority = r.pick(Priority.allCases)
            let calendar = r.pick(Self.calendars)
            let terms = TicketFold.terms(priority: priority, policy: policy, calendarText: calendar.jsonText)
            let (events, initial) = Self.history(&r, start: start)
            var carried: TicketFold?
            for count in 1...events.count {
                let prefix = events.prefix(count)
                let current = Self.assignee(after: prefix, initial: initial)
                let history = TicketHistory(start: start, events: Array(prefix), currentAssignee: current)
                let whole = TicketFold(
                    history: history, priority: priority, policy: policy, calendar: calendar, terms: terms, version: count)
                if let previous = carried {
                    let stored = try #require(
                        TicketFold(text: previous.text, priority: priority, policy: policy, calendar: calendar, terms: terms),
                        "seed \(seed)")
                    #expect(stored == previous, "seed \(seed): the text reads back equal")
                    carried = stored.applying([events[count - 1]], version: count)
                } else {
                    carried = whole
                }
                let step = try #require(carried, "seed \(seed), event \(count)")
                #expect(step == whole, "seed \(seed), event \(count)")
                let now = history.lastAt.addingTimeInterval(Double(r.pick([0, 1, 3_600, 400_000])))
                let reference = policy.map {
                    SlaEngine.clocks(history: history.sla, priority: priority, policy: $0, calendar: calendar, now: now)
                }
                #expect(step.clocks(now: now) == reference ?? [], "seed \(seed), event \(count)")
                let facts = TicketKpis.facts(
                    history: history, priority: priority, policy: policy, calendar: calendar, now: history.lastAt)
                #expect(
                    step.facts(currentAssignee: current, priority: priority, policy: policy, calendar: calendar) == facts,
                    "seed \(seed), event \(count)")
            }
        }
    }

    @Test func anEventBeforeTheLastOneOrASecondOpeningIsNotCarriedForward() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let events = [
            HistoryEvent(at: start, .opened(.new)), HistoryEvent(at: start.addingTimeInterval(600), .moved(.inProgress)),
        ]
        let calendar = Self.calendars[0]
        let terms = TicketFold.terms(priority: .p2, policy: .standard, calendarText: calendar.jsonText)
        let fold = TicketFold(
            history: TicketHistory(start: start, events: events), priority: .p2, policy: .standard, calendar: calendar,
            terms: terms, version: 2)
        #expect(fold.applying([HistoryEvent(at: start.addingTimeInterval(300), .clientMessage)], version: 3) == nil)
        #expect(fold.applying([HistoryEvent(at: start.addingTimeInterval(900), .opened(.new))], version: 3) == nil)
        #expect(fold.applying([HistoryEvent(at: start.addingTimeInterval(600), .clientMessage)], version: 3)?.version == 3)
    }

    @Test func aFoldIsReadOnlyUnderTheTermsItWasMadeUnder() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let calendar = Self.calendars[0]
        let terms = TicketFold.terms(priority: .p2, policy: .standard, calendarText: calendar.jsonText)
        let fold = TicketFold(
            history: TicketHistory(start: start, events: [HistoryEvent(at: start, .opened(.new))]), priority: .p2,
            policy: .standard, calendar: calendar, terms: terms, version: 1)
        #expect(TicketFold(text: fold.text, priority: .p2, policy: .standard, calendar: calendar, terms: terms) == fold)
        let p1 = TicketFold.terms(priority: .p1, policy: .standard, calendarText: calendar.jsonText)
        #expect(p1 != terms)
        #expect(TicketFold(text: fold.text, priority: .p1, policy: .standard, calendar: calendar, terms: p1) == nil)
        var tighter = SlaPolicy.standard
        tighter.targets[.p2]?[.restoration]?.minutes = 60
        #expect(TicketFold.terms(priority: .p2, policy: tighter, calendarText: calendar.jsonText) != terms)
        let tokyo = Self.calendars[2]
        #expect(TicketFold.terms(priority: .p2, policy: .standard, calendarText: tokyo.jsonText) != terms)
        #expect(TicketFold(text: "fold2\nnot a fold", priority: .p2, policy: .standard, calendar: calendar, terms: terms) == nil)
        // A fold stored with seconds since 1970 is read as none, so it is made anew once.
        let old = fold.text.replacingOccurrences(of: "fold2\n", with: "fold1\n")
        #expect(TicketFold(text: old, priority: .p2, policy: .standard, calendar: calendar, terms: terms) == nil)
    }

    /// Instants as a database gives them back (SQLiteNIO rounds seconds since 2001 to the microsecond) read back
    /// from the fold's text bit for bit, so the stored fold's start equals the ticket's and the fold is carried.
    @Test func aFoldsInstantsReadBackBitForBit() {
        var r = Random(state: 24)
        let calendar = Self.calendars[0]
        let terms = TicketFold.terms(priority: .p2, policy: .standard, calendarText: calendar.jsonText)
        var mismatches = 0
        for _ in 0..<2_000 {
            let micros = Double(r.int(800_000_000_000_000...900_000_000_000_000))
            let start = Date(timeIntervalSinceReferenceDate: micros / 1e6)
            let later = start.addingTimeInterval(Double(r.int(1...100_000_000)) / 1e6)
            let events = [HistoryEvent(at: start, .opened(.new)), HistoryEvent(at: later, .moved(.inProgress))]
            let fold = TicketFold(
                history: TicketHistory(start: start, events: events), priority: .p2, policy: .standard,
                calendar: calendar, terms: terms, version: 2)
            let read = TicketFold(text: fold.text, priority: .p2, policy: .standard, calendar: calendar, terms: terms)
            if read?.start != start || read?.lastAt != later || read != fold { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
