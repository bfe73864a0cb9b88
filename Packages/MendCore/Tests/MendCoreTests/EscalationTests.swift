import Foundation
import MendCore
import Testing

/// Escalation levels: their JSON form and refusals, when each trigger is met, and firing once.
@Suite struct EscalationTests {
    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func json(_ text: String) -> Any { try! JSONSerialization.jsonObject(with: Data(text.utf8)) }

    let office = try! BusinessCalendar.officeHours(timezone: "America/New_York")

    func clock(_ kind: SlaClockKind, phase: SlaClock.Phase, target: Int, elapsed: Int, since: String, basis: SlaBasis)
        -> SlaClock
    {
        SlaClock(
            kind: kind, basis: basis, targetSeconds: target, warningSeconds: target * 3 / 4, phase: phase, elapsed: elapsed,
            since: at(since), dueAt: nil, warnAt: nil)
    }

    @Test func levelsRoundTripThroughTheirJSONForm() throws {
        let levels = try EscalationLevel.parse(
            levels: json(
                """
                [{"trigger": {"clock": "restoration", "percent": 50},
                  "actions": {"notify": {"roles": ["service_manager"], "users": []}, "raise_priority": "P1"}},
                 {"trigger": {"status": "in_progress", "minutes": 45},
                  "actions": {"queue": "SME", "page_rotation": "6F0C3A3E-5B1B-4C55-9D55-8E1F4C1E0A01"}}]
                """))
        #expect(levels[0].trigger == .clockShare(.restoration, percent: 50))
        #expect(levels[0].actions.raisePriority == .p1)
        #expect(levels[1].trigger == .minutesInStatus(.inProgress, minutes: 45))
        #expect(try EscalationLevel.parse(json: EscalationLevel.jsonText(levels)) == levels)
        #expect(levels[1].trigger.text == "45 min in In Progress without progress")
    }

    @Test func badLevelsAreRefusedFieldByField() {
        func problems(_ text: String) -> [String] {
            do {
                _ = try EscalationLevel.parse(levels: json(text))
                return []
            } catch { return error.problems.map { "\($0.field): \($0.message)" } }
        }
        #expect(
            problems(#"[{"trigger": {"clock": "restoration", "percent": 1001}, "actions": {"queue": "SME"}}]"#)
                == ["levels[0].trigger.percent: must be between 0 and 1000 (percent of the clock's target)"])
        #expect(problems(#"[{"trigger": {"clock": "restoration", "percent": -1}, "actions": {"queue": "SME"}}]"#).count == 1)
        #expect(
            problems(#"[{"trigger": {"clock": "lunch", "percent": 10}, "actions": {}}]"#)
                == [
                    "levels[0].trigger.clock: must be response, restoration, resolution or update",
                    "levels[0].actions: must do something: notify, queue, raise_priority or page_rotation",
                ])
        #expect(
            problems(#"[{"trigger": {"status": "closed", "minutes": 5}, "actions": {"queue": "A"}}]"#).first?.hasPrefix(
                "levels[0].trigger.status") == true)
        #expect(problems(#"[]"#) == ["levels: must have at least one level"])
        #expect(
            problems(#"[{"trigger": {"minutes": 5}, "actions": {"raise_priority": "p9"}}]"#) == [
                "levels[0].actions.raise_priority: must be p1, p2, p3 or p4"
            ])
        #expect(problems(#"[{"trigger": {"minutes": 5}, "actions": {"page_rotation": "x"}, "extra": 1}]"#).count == 2)
        #expect(problems(#"[{"trigger": {"minutes": 5}, "actions": {"queue": "A"}}]"#).isEmpty)
    }

    @Test func aClockShareIsMetOnTheClocksOwnCalendar() {
        // 2026-12-01 is a Tuesday; 08:00 New York is 13:00Z. 4 business hours, 1 hour used by 09:00.
        let running = clock(
            .restoration, phase: .running, target: 14_400, elapsed: 3_600, since: "2026-12-01T14:00:00Z", basis: .business)
        let facts = EscalationFacts(
            status: .inProgress, statusSince: at("2026-12-01T13:00:00Z"), clocks: [running], calendar: office)
        // 50% = 2 hours: one more business hour after 09:00 local.
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 50), facts: facts) == at("2026-12-01T15:00:00Z"))
        // 200% = 8 hours: 7 more from 09:00, through 17:00 (8 left = 8h by 17:00? 09:00+7h = 16:00 local).
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 200), facts: facts) == at("2026-12-01T21:00:00Z"))
        // 300% = 12h: 11 more; 8 today until 17:00, 3 tomorrow from 08:00.
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 300), facts: facts) == at("2026-12-02T16:00:00Z"))
        // Already past: met since the clock's current phase began.
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 10), facts: facts) == at("2026-12-01T14:00:00Z"))
        // No such clock, or a stopped one: never.
        #expect(EscalationPlan.instant(of: .clockShare(.response, percent: 10), facts: facts) == nil)
        var stopped = facts
        stopped.clocks[0].phase = .stopped
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 10), facts: stopped) == nil)
        var paused = facts
        paused.clocks[0].phase = .paused
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 50), facts: paused) == nil)
        #expect(EscalationPlan.instant(of: .clockShare(.restoration, percent: 25), facts: paused) == at("2026-12-01T14:00:00Z"))
    }

    @Test func minutesInAStatusCountFromTheLastStatusChange() {
        let facts = EscalationFacts(status: .inProgress, statusSince: at("2026-12-01T03:00:00Z"), clocks: [], calendar: office)
        #expect(
            EscalationPlan.instant(of: .minutesInStatus(.inProgress, minutes: 45), facts: facts) == at("2026-12-01T03:45:00Z"))
        #expect(EscalationPlan.instant(of: .minutesInStatus(nil, minutes: 10), facts: facts) == at("2026-12-01T03:10:00Z"))
        #expect(EscalationPlan.instant(of: .minutesInStatus(.new, minutes: 10), facts: facts) == nil)
        var restored = facts
        restored.status = .restored
        #expect(
            EscalationPlan.instant(of: .minutesInStatus(nil, minutes: 10), facts: restored) == nil,
            "restored tickets do not escalate")
    }

    @Test func eachLevelFiresOnceAndTheNextLookIsTheEarliestPendingTrigger() throws {
        let levels = [
            EscalationLevel(
                trigger: .minutesInStatus(nil, minutes: 30), actions: EscalationActions(notifyRoles: ["service_manager"])),
            EscalationLevel(trigger: .minutesInStatus(nil, minutes: 60), actions: EscalationActions(raisePriority: .p1)),
        ]
        let facts = EscalationFacts(status: .new, statusSince: at("2026-12-01T03:00:00Z"), clocks: [], calendar: office)
        let early = EscalationPlan.evaluate(levels, facts: facts, fired: [], now: at("2026-12-01T03:10:00Z"))
        #expect(early.due.isEmpty && early.nextAt == at("2026-12-01T03:30:00Z"))
        let first = EscalationPlan.evaluate(levels, facts: facts, fired: [], now: at("2026-12-01T03:30:00Z"))
        #expect(first.due == [0] && first.nextAt == at("2026-12-01T04:00:00Z"))
        let again = EscalationPlan.evaluate(levels, facts: facts, fired: [0], now: at("2026-12-01T03:31:00Z"))
        #expect(again.due.isEmpty, "a fired level does not fire again")
        let both = EscalationPlan.evaluate(levels, facts: facts, fired: [], now: at("2026-12-01T05:00:00Z"))
        #expect(both.due == [0, 1] && both.nextAt == nil)
        // A policy saved at 03:45 applies from then on: the 30-minute level met at 03:30 is history.
        let edited = EscalationPlan.evaluate(
            levels, facts: facts, fired: [], now: at("2026-12-01T05:00:00Z"), effectiveFrom: at("2026-12-01T03:45:00Z"))
        #expect(edited.due == [1])
    }
}

/// Escalations by hand need their reason, and a functional one somewhere to go.
@Suite struct ManualEscalationTests {
    @Test func aReasonIsAlwaysRequired() {
        do {
            _ = try ManualEscalation(kind: .hierarchical, reason: "  ", party: nil, hasStaffTarget: false)
            Issue.record("a blank reason must be refused")
        } catch { #expect(error.problems.map(\.field) == ["reason"]) }
        do {
            _ = try ManualEscalation(kind: nil, reason: nil, party: nil, hasStaffTarget: false)
            Issue.record("nothing must be refused")
        } catch { #expect(error.problems.map(\.field) == ["kind", "reason"]) }
    }

    @Test func aFunctionalEscalationGoesSomewhere() throws {
        #expect(throws: ValidationError.self) {
            try ManualEscalation(kind: .functional, reason: "Firmware bug", party: " ", hasStaffTarget: false)
        }
        let vendor = try ManualEscalation(kind: .functional, reason: "Firmware bug", party: " Cisco TAC ", hasStaffTarget: false)
        #expect(vendor.party == "Cisco TAC")
        let sme = try ManualEscalation(kind: .functional, reason: "Needs BGP", party: nil, hasStaffTarget: true)
        #expect(sme.party == nil)
        #expect(
            try ManualEscalation(kind: .hierarchical, reason: "Client angry", party: nil, hasStaffTarget: false).kind
                == .hierarchical)
    }
}

/// JSON numbers: 0 and 1 are numbers, true and false are not.
@Suite struct JSONIntegerTests {
    @Test func zeroAndOneAreNumbersButBooleansAreNot() throws {
        let values = try #require(
            try JSONSerialization.jsonObject(with: Data("[0, 1, 2, true, false, 1.5, \"3\"]".utf8)) as? [Any])
        #expect(values.map(JSONInteger.value) == [0, 1, 2, nil, nil, nil, nil])
        let level = try EscalationLevel.parse(
            levels: try JSONSerialization.jsonObject(
                with: Data(#"[{"trigger":{"clock":"response","percent":0},"actions":{"queue":"noc"}}]"#.utf8)))
        #expect(level.first?.trigger == .clockShare(.response, percent: 0))
        let policy = try SlaPolicy.parse(
            json: Data(
                #"{"name":"One","warning_percent":1,"targets":{"p1":{"response":{"minutes":1,"basis":"24x7","paused_by":[]}}}}"#
                    .utf8))
        #expect(policy.warningPercent == 1)
    }
}
