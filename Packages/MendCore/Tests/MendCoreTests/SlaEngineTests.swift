import Foundation
import MendCore
import Testing

/// The four clocks replayed from history: pauses, priority changes, reopens, transfers, the update cadence.
@Suite struct SlaEngineTests {
    let newYork = try! BusinessCalendar.parse(
        json: Data(
            #"{"timezone": "America/New_York", "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","17:00"]], "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]}, "holidays": ["2026-12-25"]}"#
                .utf8))

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func clock(_ kind: SlaClockKind, _ clocks: [SlaClock]) -> SlaClock { clocks.first { $0.kind == kind }! }

    func clocks(_ history: SlaHistory, _ priority: Priority, now: String) -> [SlaClock] {
        SlaEngine.clocks(history: history, priority: priority, policy: .standard, calendar: newYork, now: at(now))
    }

    @Test func aP1RunsAroundTheClockAndAResponseMeetsIt() {
        let history = SlaHistory(start: at("2026-11-28T03:00:00Z"), facts: [.response(at("2026-11-28T03:05:00Z"))])
        let result = clocks(history, .p1, now: "2026-11-28T03:30:00Z")
        let response = clock(.response, result)
        #expect(response.phase == .stopped)
        #expect(response.reading(at: at("2026-11-28T03:30:00Z"), calendar: newYork).state == .met)
        let restoration = clock(.restoration, result)
        #expect(restoration.dueAt == at("2026-11-28T07:00:00Z"))
        #expect(restoration.warnAt == at("2026-11-28T06:00:00Z"))
        let reading = restoration.reading(at: at("2026-11-28T03:30:00Z"), calendar: newYork)
        #expect(reading.state == .running)
        #expect(reading.leftSeconds == 3 * 3600 + 1800)
        #expect(reading.percentElapsed == 12)
    }

    /// Monday 2026-11-30 09:00 New York is 14:00Z; waiting on the client from 10:00 Monday to 10:00 Tuesday.
    var pausedHistory: SlaHistory {
        SlaHistory(
            start: at("2026-11-30T14:00:00Z"),
            facts: [
                .status(at("2026-11-30T14:00:00Z"), .inProgress), .response(at("2026-11-30T14:00:00Z")),
                .status(at("2026-11-30T15:00:00Z"), .waitingOnClient),
                .status(at("2026-12-01T15:00:00Z"), .inProgress),
            ])
    }

    @Test func pausedTimeMovesTheDeadline() {
        let restoration = clock(.restoration, clocks(pausedHistory, .p2, now: "2026-12-01T15:00:00Z"))
        // 1 h used on Monday, 7 h left from Tuesday 10:00: Tuesday 17:00 New York.
        #expect(restoration.dueAt == at("2026-12-01T22:00:00Z"))
        let whilePaused = clock(
            .restoration,
            clocks(
                SlaHistory(start: pausedHistory.start, facts: Array(pausedHistory.facts.dropLast())), .p2,
                now: "2026-12-01T12:00:00Z"))
        #expect(whilePaused.phase == .paused)
        #expect(whilePaused.dueAt == nil)
        #expect(whilePaused.reading(at: at("2026-12-01T12:00:00Z"), calendar: newYork).leftSeconds == 7 * 3600)
    }

    @Test func aPriorityChangeRecomputesFromHistoryKeepingPausedTime() {
        // The same history at P3 (18 business hours): 1 h Monday, 7 h Tuesday from 10:00, 9 h Wednesday, 1 h Thursday.
        let restoration = clock(.restoration, clocks(pausedHistory, .p3, now: "2026-12-01T15:00:00Z"))
        #expect(restoration.dueAt == at("2026-12-03T14:00:00Z"))
        #expect(restoration.elapsed == 3600)
    }

    @Test func aReopenResumesTheResolutionClock() {
        var history = pausedHistory
        history.facts += [
            .status(at("2026-12-01T16:00:00Z"), .restored), .status(at("2026-12-01T17:00:00Z"), .resolved),
            // Reopened a week later at Tuesday 12:00: the week in between is not counted.
            .status(at("2026-12-08T17:00:00Z"), .inProgress),
        ]
        let result = clocks(history, .p2, now: "2026-12-08T17:00:00Z")
        let resolution = clock(.resolution, result)
        #expect(resolution.phase == .running)
        // 1 h Monday + 2 h Tuesday = 3 h of 16 used; 13 h left from 2026-12-08 12:00: 5 h Tuesday, 8 h Wednesday.
        #expect(resolution.elapsed == 3 * 3600)
        #expect(resolution.dueAt == at("2026-12-09T21:00:00Z"))
        // Restoration reopens too: the service is not restored any more.
        #expect(clock(.restoration, result).phase == .running)
    }

    @Test func exitsToAThirdPartyStopTheClocksAsTransferred() {
        var history = pausedHistory
        history.facts.append(.status(at("2026-12-01T16:00:00Z"), .escalatedOut))
        history.facts.append(.status(at("2026-12-02T16:00:00Z"), .closed))
        let result = clocks(history, .p2, now: "2026-12-10T16:00:00Z")
        let now = at("2026-12-10T16:00:00Z")
        #expect(clock(.restoration, result).reading(at: now, calendar: newYork).state == .transferred)
        #expect(clock(.resolution, result).reading(at: now, calendar: newYork).state == .transferred)
        #expect(clock(.response, result).reading(at: now, calendar: newYork).state == .met)
        #expect(result.flatMap(\.timers).isEmpty)
    }

    @Test func aRunningClockPastItsTargetIsBreachedWithTimeOverdue() {
        let history = SlaHistory(start: at("2026-11-28T03:00:00Z"))
        let response = clock(.response, clocks(history, .p1, now: "2026-11-28T03:20:00Z"))
        let reading = response.reading(at: at("2026-11-28T03:20:00Z"), calendar: newYork)
        #expect(reading.state == .breached)
        #expect(reading.leftSeconds == -300)
        #expect(response.timers.map(\.key) == ["response.warning", "response.breach"])
        #expect(response.timers.last?.at == at("2026-11-28T03:15:00Z"))
    }

    @Test func aResponseExactlyAtTheDeadlineIsOnTime() {
        let history = SlaHistory(start: at("2026-11-28T03:00:00Z"), facts: [.response(at("2026-11-28T03:15:00Z"))])
        let response = clock(.response, clocks(history, .p1, now: "2026-11-28T04:00:00Z"))
        #expect(response.reading(at: at("2026-11-28T04:00:00Z"), calendar: newYork).state == .met)
    }

    @Test func eachMissedUpdateCountsAndStartsTheNextCycle() {
        let history = SlaHistory(
            start: at("2026-11-28T10:00:00Z"),
            facts: [.status(at("2026-11-28T10:00:00Z"), .inProgress), .update(at("2026-11-28T10:20:00Z"))])
        let update = clock(.update, clocks(history, .p1, now: "2026-11-28T12:00:00Z"))
        // Due 10:50, 11:20, 11:50 all missed; the cycle from 11:50 is due 12:20.
        #expect(update.misses == 3)
        #expect(update.dueAt == at("2026-11-28T12:20:00Z"))
        #expect(update.timers.map(\.key) == ["update.warning.4", "update.breach.4"])
        // Firing the miss at 12:20 advances the clock exactly as a replay at 12:20 would.
        let advanced = update.afterMissedUpdate(calendar: newYork)
        let replayed = clock(.update, clocks(history, .p1, now: "2026-11-28T12:20:00Z"))
        #expect(advanced.dueAt == replayed.dueAt)
        #expect(advanced.misses == replayed.misses)
        #expect(advanced.cycle == replayed.cycle)
    }

    @Test func anUpdateOnTimeIsNotAMiss() {
        let history = SlaHistory(
            start: at("2026-11-28T10:00:00Z"),
            facts: [.update(at("2026-11-28T10:30:00Z")), .status(at("2026-11-28T10:40:00Z"), .resolved)])
        let update = clock(.update, clocks(history, .p1, now: "2026-11-28T12:00:00Z"))
        #expect(update.misses == 0)
        #expect(update.reading(at: at("2026-11-28T12:00:00Z"), calendar: newYork).state == .met)
    }

    @Test func replayingTheSameHistoryGivesTheSameClocks() {
        let first = clocks(pausedHistory, .p2, now: "2026-12-02T15:00:00Z")
        var shuffled = pausedHistory
        shuffled.facts.reverse()
        #expect(clocks(shuffled, .p2, now: "2026-12-02T15:00:00Z") == first)
    }
}

@Suite struct SlaPolicyTests {
    @Test func theStandardPolicyRoundTripsThroughJSON() throws {
        let parsed = try SlaPolicy.parse(json: SlaPolicy.standard.jsonData)
        #expect(parsed == .standard)
    }

    @Test func badPoliciesNameTheirFields() {
        let json =
            #"{"name": "", "warning_percent": 100, "colour": 1, "targets": {"p5": {}, "p1": {"reply": {}, "response": {"minutes": 0, "basis": "weekly", "paused_by": ["closed"]}}}}"#
        do {
            _ = try SlaPolicy.parse(json: Data(json.utf8))
            Issue.record("accepted a bad policy")
        } catch {
            #expect(
                Set(error.problems.map(\.field)) == [
                    "colour", "name", "warning_percent", "targets.p5", "targets.p1.reply", "targets.p1.response.minutes",
                    "targets.p1.response.basis", "targets.p1.response.paused_by[0]",
                ])
        }
    }
}

@Suite struct SlaSnapshotTextTests {
    @Test func theLineFormRoundTrips() throws {
        let history = SlaHistory(
            start: Date(timeIntervalSince1970: 1_796_047_200.25),
            facts: [
                .status(Date(timeIntervalSince1970: 1_796_050_000.5), .waitingOnClient),
                .update(Date(timeIntervalSince1970: 1_796_048_000)),
            ])
        let clocks = SlaEngine.clocks(
            history: history, priority: .p2, policy: .standard, calendar: .always, now: Date(timeIntervalSince1970: 1_796_060_000)
        )
        let snapshot = SlaSnapshot(policy: "Gold\nplus", calendar: BusinessCalendar.always.jsonText, clocks: clocks)
        let read = try #require(SlaSnapshot(text: snapshot.text))
        #expect(read.clocks == snapshot.clocks)
        #expect(read.policy == "Gold plus")
        #expect(read.calendar == snapshot.calendar)
        #expect(SlaSnapshot(text: "{\"policy\":1}") == nil)
        let lines = snapshot.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let clock = lines[3]
        func with(_ line: String) -> String { (lines.prefix(3) + [line]).joined(separator: "\n") }
        #expect(SlaSnapshot(text: with(clock))?.clocks.count == 1)
        #expect(SlaSnapshot(text: with(clock + ",1")) == nil, "a twelfth field")
        #expect(SlaSnapshot(text: with(clock.replacingOccurrences(of: ",\(clocks[0].targetSeconds),", with: ",12x,"))) == nil)
        #expect(SlaSnapshot(text: with(clock.replacingOccurrences(of: ",\(clocks[0].targetSeconds),", with: ",,"))) == nil)
        #expect(SlaSnapshot(text: "") == nil)
        #expect(SlaSnapshot(text: "s1\nGold") == nil)
    }
}
