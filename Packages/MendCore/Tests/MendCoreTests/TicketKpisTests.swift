import Foundation
import MendCore
import Testing

/// The KPI facts of hand-built histories, each answer worked out by hand (docs/kpis.md). The calendar is New York,
/// 08:00 to 17:00 on weekdays: Monday 2026-11-30 09:00 there is 14:00Z.
@Suite struct TicketKpisTests {
    let newYork = try! BusinessCalendar.parse(
        json: Data(
            #"{"timezone": "America/New_York", "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","17:00"]], "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]}, "holidays": []}"#
                .utf8))
    /// The standard policy without the update cadence, so each test states only the clocks it is about.
    let policy: SlaPolicy = {
        var policy = SlaPolicy.standard
        for priority in Priority.allCases { policy.targets[priority]?[.update] = nil }
        return policy
    }()
    let alex = UUID(), blake = UUID(), manager = UUID()

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func event(_ time: String, _ change: HistoryChange, by actor: UUID? = nil) -> HistoryEvent {
        HistoryEvent(at: at(time), actor: actor, change)
    }

    func facts(_ history: TicketHistory, _ priority: Priority = .p2, now: String) -> TicketKpiFacts {
        TicketKpis.facts(history: history, priority: priority, policy: policy, calendar: newYork, now: at(now))
    }

    /// Assigned at 09:00, in progress 09:20, waiting on the client from 10:00 Monday to 10:00 Tuesday, restored at
    /// 11:00 and resolved at 11:30 Tuesday, all by the engineer it was opened with.
    var pausedHistory: TicketHistory {
        TicketHistory(
            start: at("2026-11-30T14:00:00Z"),
            events: [
                event("2026-11-30T14:00:00Z", .opened(.assigned)),
                event("2026-11-30T14:20:00Z", .moved(.inProgress), by: alex),
                event("2026-11-30T15:00:00Z", .moved(.waitingOnClient), by: alex),
                event("2026-12-01T15:00:00Z", .moved(.inProgress), by: alex),
                event("2026-12-01T16:00:00Z", .moved(.restored), by: alex),
                event("2026-12-01T16:30:00Z", .moved(.resolved), by: alex),
            ], currentAssignee: alex)
    }

    @Test func pausedTimeIsCountedAndShownApart() {
        let result = facts(pausedHistory, now: "2026-12-02T12:00:00Z")
        #expect(
            result.response
                == .init(
                    endedAt: at("2026-11-30T14:20:00Z"), businessSeconds: 1200, wallSeconds: 1200, pausedSeconds: 0,
                    secondsByStatus: [.assigned: 1200]))
        // Waiting on the client: Monday 10:00 to 17:00 and Tuesday 08:00 to 10:00, 9 business hours.
        #expect(
            result.restoration
                == .init(
                    endedAt: at("2026-12-01T16:00:00Z"), businessSeconds: 39_600, wallSeconds: 93_600,
                    pausedSeconds: 32_400, secondsByStatus: [.assigned: 1200, .inProgress: 6000, .waitingOnClient: 32_400]))
        #expect(result.resolution?.businessSeconds == 41_400)
        #expect(result.resolution?.wallSeconds == 95_400)
        #expect(result.resolution?.secondsByStatus[.restored] == 1800)
        #expect(result.clocks[.response] == .init(outcome: .met, at: at("2026-11-30T14:20:00Z")))
        #expect(result.clocks[.restoration] == .init(outcome: .met, at: at("2026-12-01T16:00:00Z")))
        #expect(result.clocks[.resolution] == .init(outcome: .met, at: at("2026-12-01T16:30:00Z")))
        #expect(result.clocks[.update] == .init(outcome: .notMeasured, at: nil))
        #expect(result.firstContactResolution == true)
        #expect(result.firstAssignee == alex && result.resolvedBy == alex)
        #expect(result.breaches.isEmpty && !result.reopened && result.resolutions == 1)
    }

    /// Opened unassigned at 09:00 Monday, given to Alex at 10:00, to Blake at 10:10, in progress 10:20; restored
    /// 09:00 Tuesday, resolved 09:30, reopened 10:00 and resolved again at 11:00.
    var brokenHistory: TicketHistory {
        TicketHistory(
            start: at("2026-11-30T14:00:00Z"),
            events: [
                event("2026-11-30T14:00:00Z", .opened(.new)),
                event("2026-11-30T15:00:00Z", .assigned(from: nil, to: alex), by: manager),
                event("2026-11-30T15:00:00Z", .moved(.assigned), by: manager),
                event("2026-11-30T15:10:00Z", .assigned(from: alex, to: blake), by: manager),
                event("2026-11-30T15:20:00Z", .moved(.inProgress), by: blake),
                event("2026-12-01T14:00:00Z", .moved(.restored), by: blake),
                event("2026-12-01T14:30:00Z", .moved(.resolved), by: blake),
                event("2026-12-01T15:00:00Z", .reopened(.inProgress)),
                event("2026-12-01T16:00:00Z", .moved(.resolved), by: blake),
            ], currentAssignee: blake)
    }

    @Test func breachesRecordTheirCauses() {
        let result = facts(brokenHistory, now: "2026-12-02T12:00:00Z")
        #expect(result.response?.businessSeconds == 4800)
        #expect(result.clocks[.response]?.outcome == .breached)
        // 30 minutes from 09:00 Monday; the ticket sat new with nobody for the first hour.
        #expect(
            result.breaches.first { $0.clock == .response }
                == .init(
                    clock: .response, breachedAt: at("2026-11-30T14:30:00Z"), statusAtBreach: .new, longestStatus: .new,
                    wasUnassigned: true))
        // Restoration: 8 business hours run out at 17:00 Monday, in progress since 10:20.
        #expect(result.restoration?.businessSeconds == 32_400)
        #expect(
            result.breaches.first { $0.clock == .restoration }
                == .init(
                    clock: .restoration, breachedAt: at("2026-11-30T22:00:00Z"), statusAtBreach: .inProgress,
                    longestStatus: .inProgress, wasUnassigned: true))
        #expect(result.clocks[.resolution]?.outcome == .met)
        #expect(result.breaches.count == 2)
    }

    @Test func aReopenedTicketKeepsItsFirstResolution() {
        let result = facts(brokenHistory, now: "2026-12-02T12:00:00Z")
        #expect(result.resolution?.endedAt == at("2026-12-01T14:30:00Z"))
        #expect(result.resolution?.businessSeconds == 34_200)
        #expect(result.resolutions == 2)
        #expect(result.lastResolvedAt == at("2026-12-01T16:00:00Z"))
        #expect(result.reopened)
        #expect(result.firstAssignee == alex)
        #expect(result.resolvedBy == blake)
        #expect(result.firstContactResolution == false)
        // The resolution clock resumed with the reopen and stopped again at the second resolution.
        #expect(result.clocks[.resolution] == .init(outcome: .met, at: at("2026-12-01T16:00:00Z")))
    }

    @Test func aReopenedTicketIsOpenForTheResolutionClockUntilResolvedAgain() {
        var history = brokenHistory
        history.events.removeLast()
        let result = facts(history, now: "2026-12-01T15:30:00Z")
        #expect(result.clocks[.resolution] == .init(outcome: .open, at: nil))
        #expect(result.resolution?.endedAt == at("2026-12-01T14:30:00Z"))
        #expect(result.lastResolvedAt == nil)
    }

    @Test func aTicketThatLeftTier2IsTransferredAndOutsideFirstContactResolution() {
        let history = TicketHistory(
            start: at("2026-11-30T14:00:00Z"),
            events: [
                event("2026-11-30T14:00:00Z", .opened(.assigned)),
                event("2026-11-30T14:10:00Z", .moved(.inProgress), by: alex),
                event("2026-11-30T14:30:00Z", .thirdParty, by: alex),
                event("2026-11-30T15:00:00Z", .moved(.escalatedOut), by: alex),
            ], currentAssignee: alex)
        let result = facts(history, now: "2026-11-30T16:00:00Z")
        #expect(result.clocks[.response] == .init(outcome: .met, at: at("2026-11-30T14:10:00Z")))
        #expect(result.clocks[.restoration] == .init(outcome: .transferred, at: at("2026-11-30T15:00:00Z")))
        #expect(result.clocks[.resolution] == .init(outcome: .transferred, at: at("2026-11-30T15:00:00Z")))
        #expect(result.exitedAt == at("2026-11-30T15:00:00Z") && result.exitStatus == .escalatedOut)
        #expect(result.restoration == nil && result.resolution == nil)
        #expect(result.firstContactResolution == nil)
    }

    @Test func anAfterHoursP1IsMeasuredAroundTheClock() {
        // Saturday 03:00Z: no business hours on the contract's calendar, but P1 clocks run 24x7.
        let history = TicketHistory(
            start: at("2026-11-28T03:00:00Z"),
            events: [
                event("2026-11-28T03:00:00Z", .opened(.assigned)),
                event("2026-11-28T03:05:00Z", .moved(.inProgress), by: alex),
            ], currentAssignee: alex)
        let result = facts(history, .p1, now: "2026-11-28T04:00:00Z")
        #expect(result.response?.businessSeconds == 300)
        #expect(result.response?.wallSeconds == 300)
        #expect(result.clocks[.response]?.outcome == .met)
        #expect(result.clocks[.restoration] == .init(outcome: .open, at: nil))
        // The same ticket at P3 is measured on business hours: nothing of Saturday counts.
        #expect(facts(history, .p3, now: "2026-11-28T04:00:00Z").response?.businessSeconds == 0)
    }

    @Test(arguments: [HistoryChange.escalated, .smeTookOver, .dispatched, .vendorCase, .thirdParty])
    func eachHelpEndsFirstContactResolution(help: HistoryChange) {
        var history = pausedHistory
        history.events.insert(event("2026-12-01T15:30:00Z", help, by: alex), at: 4)
        #expect(facts(history, now: "2026-12-02T12:00:00Z").firstContactResolution == false)
        #expect(facts(pausedHistory, now: "2026-12-02T12:00:00Z").firstContactResolution == true)
    }

    @Test func anUnassignedResolutionByMendIsCreditedToTheAssignee() {
        var history = pausedHistory
        history.events[history.events.count - 1].actor = nil
        #expect(facts(history, now: "2026-12-02T12:00:00Z").resolvedBy == alex)
    }

    @Test func aClientVisibleNoteByTier2IsTheResponseButTheCSRsIsNot() {
        let start = at("2026-11-30T14:00:00Z")
        func responded(_ note: HistoryChange) -> Date? {
            let history = TicketHistory(
                start: start, events: [event("2026-11-30T14:00:00Z", .opened(.new)), event("2026-11-30T14:05:00Z", note)])
            return facts(history, now: "2026-11-30T15:00:00Z").response?.endedAt
        }
        #expect(responded(.note(onstage: true, byClient: false, tier2: true)) == at("2026-11-30T14:05:00Z"))
        #expect(responded(.note(onstage: true, byClient: false, tier2: false)) == nil)
        #expect(responded(.note(onstage: false, byClient: false, tier2: true)) == nil)
        #expect(responded(.note(onstage: true, byClient: true, tier2: true)) == nil)
    }

    @Test func storedEventsAreReadAsHistory() {
        let time = at("2026-11-30T14:00:00Z")
        func read(
            _ kind: EventKind, _ visibility: Visibility = .backstage, before: [String: String] = [:],
            after: [String: String] = [:]
        )
            -> HistoryChange?
        {
            HistoryEvent(
                kind: kind.rawValue, visibility: visibility.rawValue, at: time, actor: nil, before: before, after: after)?
                .change
        }
        #expect(read(.created, after: ["status": "assigned"]) == .opened(.assigned))
        #expect(read(.statusChanged, after: ["status": "waiting_on_parts"]) == .moved(.waitingOnParts))
        #expect(
            read(.assigned, before: ["assigneeID": ""], after: ["assigneeID": alex.uuidString]) == .assigned(from: nil, to: alex))
        #expect(
            read(.noteAdded, .onstage, after: ["by": "staff", "tier2": "false"])
                == .note(onstage: true, byClient: false, tier2: false))
        #expect(read(.smeAnswered, after: ["outcome": "sme_took_over"]) == .smeTookOver)
        #expect(read(.smeAnswered, after: ["outcome": "advice_given"]) == nil)
        #expect(read(.exitRecorded, after: ["kind": "client_it"]) == nil)
        #expect(read(.exitRecorded, after: ["kind": "third_party"]) == .thirdParty)
        #expect(read(.escalationFired) == .escalated)
        #expect(read(.alertRepeated) == nil)
        #expect(read(.statusChanged, after: ["status": "nonsense"]) == nil)
    }

    @Test func theClocksReplayTheSameHistory() {
        let sla = pausedHistory.sla
        #expect(sla.initialStatus == .assigned)
        #expect(sla.facts.first == .response(at("2026-11-30T14:20:00Z")))
        #expect(sla.facts.count == 8)
    }

    @Test func factsEncodeWithReadableKeys() throws {
        let result = facts(pausedHistory, now: "2026-12-02T12:00:00Z")
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""waiting_on_client":32400"#))
        #expect(try JSONDecoder().decode(TicketKpiFacts.self, from: data) == result)
    }
}
