import Foundation
import MendCore
import Testing

/// The after-hours page, the CSR handoff reminder, notification timing and the page chain, over a controlled clock.
@Suite struct TicketWatchTests {
    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    let office = try! BusinessCalendar.officeHours(timezone: "America/New_York")

    func facts(_ priority: Priority, openedAt: String, handoffDone: Bool = false) -> TicketWatch.Facts {
        let opened = at(openedAt)
        return TicketWatch.Facts(
            priority: priority, openedAt: opened,
            openedAfterHours: AfterHoursRule.pages(priority: priority, openedAt: opened, businessHours: office),
            handoffDone: handoffDone, handoffDelayMinutes: 15,
            escalation: EscalationFacts(status: .new, statusSince: opened, clocks: [], calendar: office), levels: [])
    }

    @Test func aP1OrP2OutsideBusinessHoursPagesOnce() {
        // 23:00 New York on a Tuesday is 04:00Z on Wednesday.
        #expect(AfterHoursRule.pages(priority: .p1, openedAt: at("2026-12-02T04:00:00Z"), businessHours: office))
        #expect(AfterHoursRule.pages(priority: .p2, openedAt: at("2026-12-02T04:00:00Z"), businessHours: office))
        #expect(!AfterHoursRule.pages(priority: .p3, openedAt: at("2026-12-02T04:00:00Z"), businessHours: office))
        #expect(!AfterHoursRule.pages(priority: .p1, openedAt: at("2026-12-01T15:00:00Z"), businessHours: office))
        // A 24x7 contract never pages, whatever the fraction of a second the ticket opened at.
        let base = at("2026-12-01T15:00:00Z").timeIntervalSinceReferenceDate  // 10:00 New York, a Tuesday
        for fraction in stride(from: 0.000_1, to: 1, by: 0.013_7) {
            // Built the way `Date()` is (seconds since 2001), not from seconds since 1970.
            let instant = Date(timeIntervalSinceReferenceDate: base + fraction)
            #expect(!AfterHoursRule.pages(priority: .p1, openedAt: instant, businessHours: .always), "\(fraction)")
            #expect(!AfterHoursRule.pages(priority: .p2, openedAt: instant, businessHours: office), "\(fraction)")
            #expect(AfterHoursRule.pages(priority: .p2, openedAt: instant.addingTimeInterval(10 * 3_600), businessHours: office))
        }
        let night = facts(.p1, openedAt: "2026-12-02T04:00:00Z", handoffDone: true)
        #expect(TicketWatch.plan(night, fired: [], now: at("2026-12-02T04:00:01Z")).due == [.pageAfterHours])
        #expect(TicketWatch.plan(night, fired: ["page"], now: at("2026-12-02T04:00:01Z")).due.isEmpty)
    }

    @Test func aMissingHandoffIsRemindedAfterTheDelayOnce() {
        let day = facts(.p2, openedAt: "2026-12-01T15:00:00Z")
        let early = TicketWatch.plan(day, fired: [], now: at("2026-12-01T15:05:00Z"))
        #expect(early.due.isEmpty && early.nextAt == at("2026-12-01T15:15:00Z"))
        #expect(TicketWatch.plan(day, fired: [], now: at("2026-12-01T15:15:00Z")).due == [.remindHandoff])
        #expect(TicketWatch.plan(day, fired: ["csr"], now: at("2026-12-01T16:00:00Z")).due.isEmpty)
        let done = facts(.p2, openedAt: "2026-12-01T15:00:00Z", handoffDone: true)
        #expect(TicketWatch.plan(done, fired: [], now: at("2026-12-01T16:00:00Z")).due.isEmpty)
        #expect(!CsrHandoff.required(for: .p3))
        #expect(CsrHandoff.isMissing(priority: .p1, status: .inProgress, recorded: false))
        #expect(!CsrHandoff.isMissing(priority: .p1, status: .inProgress, recorded: true))
        #expect(!CsrHandoff.isMissing(priority: .p1, status: .resolved, recorded: false))
        #expect(!CsrHandoff.isMissing(priority: .p3, status: .new, recorded: false))
        #expect(
            TicketWatch.plan(facts(.p3, openedAt: "2026-12-01T15:00:00Z"), fired: [], now: at("2026-12-01T16:00:00Z")).due.isEmpty
        )
    }

    @Test func aHandoffNeedsItsExpectationAndAFutureETA() {
        let now = at("2026-12-01T15:00:00Z")
        #expect(throws: ValidationError.self) { try CsrHandoff(expectation: " ", eta: now.addingTimeInterval(60), now: now) }
        do {
            _ = try CsrHandoff(expectation: "Back by noon", eta: now, now: now)
            Issue.record("an ETA at the handoff itself must be refused")
        } catch {
            #expect(error.problems.map(\.field) == ["eta"])
        }
        let handoff = try? CsrHandoff(expectation: " Back by noon ", eta: now.addingTimeInterval(3_600), now: now)
        #expect(handoff?.expectation == "Back by noon")
    }

    @Test func aBreachAt23HoursWaitsForWorkingHoursOnAP3ButNotOnAP1() {
        let night = at("2026-12-02T04:00:00Z")  // 23:00 New York, Tuesday
        #expect(
            NotificationTiming.deliverAt(now: night, priority: .p3, recipientOnCall: false, workingHours: office)
                == at("2026-12-02T13:00:00Z"), "held until 08:00 Wednesday")
        #expect(NotificationTiming.deliverAt(now: night, priority: .p1, recipientOnCall: false, workingHours: office) == night)
        #expect(NotificationTiming.deliverAt(now: night, priority: .p3, recipientOnCall: true, workingHours: office) == night)
        #expect(NotificationTiming.deliverAt(now: night, priority: .p3, recipientOnCall: false, workingHours: nil) == night)
        let day = at("2026-12-01T15:00:00Z")
        #expect(NotificationTiming.deliverAt(now: day, priority: .p4, recipientOnCall: false, workingHours: office) == day)
    }

    @Test func aPageGoesToTheOnCallThenTheNextMembersThenTheManagers() throws {
        let rotation = try Rotation(
            timezone: "Europe/Berlin", members: ["ana", "ben", "cy"], cadence: .daily, handoff: "09:00",
            startDate: LocalDate("2026-12-01")!, overrides: [])
        // 2026-12-02 10:00 Berlin: the second day, ben on call.
        let chain = PageChain.build(rotation: rotation, at: at("2026-12-02T09:00:00Z"), managers: ["max", "ana"])
        #expect(chain == ["ben", "cy", "ana", "max"])
        #expect(PageChain.next(after: 0, chainLength: chain.count) == 1)
        #expect(PageChain.next(after: 3, chainLength: chain.count) == nil)
        #expect(PageChain.build(rotation: nil, at: at("2026-12-02T09:00:00Z"), managers: ["max"]) == ["max"])
        let covered = try Rotation(
            timezone: "Europe/Berlin", members: ["ana", "ben", "cy"], cadence: .daily, handoff: "09:00",
            startDate: LocalDate("2026-12-01")!,
            overrides: [.init(start: at("2026-12-02T00:00:00Z"), end: at("2026-12-03T00:00:00Z"), member: "zoe")])
        #expect(PageChain.build(rotation: covered, at: at("2026-12-02T09:00:00Z"), managers: []) == ["zoe", "cy", "ana", "ben"])
        #expect(PageChain.acknowledgeBy(sentAt: at("2026-12-02T09:00:00Z"), minutes: 10) == at("2026-12-02T09:10:00Z"))
    }
}
