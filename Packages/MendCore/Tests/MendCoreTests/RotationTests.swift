import Foundation
import MendCore
import Testing

/// Who is on call, past or future, across daylight-saving changes.
@Suite struct RotationTests {
    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func daily(_ handoff: String = "09:00", overrides: [Rotation.Override] = []) throws -> Rotation {
        try Rotation(
            timezone: "America/New_York", members: ["ana", "ben", "cy"], cadence: .daily, handoff: handoff,
            startDate: LocalDate("2027-03-10")!, overrides: overrides)
    }

    @Test func dailyHandoffsFollowLocalTimeAcrossTheSpringChange() throws {
        let rotation = try daily()
        #expect(rotation.onCall(at: at("2027-03-10T13:59:59Z")) == nil, "before the first handoff")
        #expect(rotation.onCall(at: at("2027-03-10T14:00:00Z")) == "ana")  // 09:00 EST
        #expect(rotation.onCall(at: at("2027-03-13T14:30:00Z")) == "ana")  // fourth day: back to the first
        // 2027-03-14 is the spring change: 09:00 EDT is 13:00Z.
        #expect(rotation.onCall(at: at("2027-03-14T12:59:59Z")) == "ana")
        #expect(rotation.onCall(at: at("2027-03-14T13:00:00Z")) == "ben")
        #expect(rotation.scheduled(at: at("2027-03-14T13:00:00Z"))?.end == at("2027-03-15T13:00:00Z"))
        // A year on: 365 handoffs later.
        #expect(rotation.onCall(at: at("2028-03-09T14:00:00Z")) == ["ana", "ben", "cy"][365 % 3])
    }

    @Test func aHandoffInTheGapMovesForwardAndARepeatedOneIsTheEarlier() throws {
        let spring = try daily("02:30")
        // 02:30 does not exist on 2027-03-14: the handoff is at 03:30 EDT (07:30Z).
        #expect(spring.scheduled(at: at("2027-03-14T07:29:59Z"))?.start == at("2027-03-13T07:30:00Z"))
        #expect(spring.scheduled(at: at("2027-03-14T07:30:00Z"))?.start == at("2027-03-14T07:30:00Z"))
        let autumn = try daily("01:30")
        // 01:30 happens twice on 2027-11-07: the handoff is the first (01:30 EDT, 05:30Z).
        #expect(autumn.scheduled(at: at("2027-11-07T05:30:00Z"))?.start == at("2027-11-07T05:30:00Z"))
        #expect(autumn.scheduled(at: at("2027-11-07T05:30:00Z"))?.end == at("2027-11-08T06:30:00Z"))
    }

    @Test func weeklyRotationsStartOnTheFirstHandoffWeekday() throws {
        let rotation = try Rotation(
            timezone: "Europe/London", members: ["ana", "ben"], cadence: .weekly(weekday: 0), handoff: "08:00",
            startDate: LocalDate("2027-03-24")!)  // a Wednesday
        #expect(rotation.onCall(at: at("2027-03-28T12:00:00Z")) == nil)
        #expect(rotation.onCall(at: at("2027-03-29T07:00:00Z")) == "ana")  // Monday 08:00 BST after the 28th change
        #expect(rotation.onCall(at: at("2027-04-05T06:59:59Z")) == "ana")
        #expect(rotation.onCall(at: at("2027-04-05T07:00:00Z")) == "ben")
        #expect(rotation.onCall(at: at("2027-04-12T07:00:00Z")) == "ana")
    }

    @Test func anOverrideCoversItsPeriodAndCutsTheSchedule() throws {
        let cover = Rotation.Override(start: at("2027-03-11T18:00:00Z"), end: at("2027-03-12T02:00:00Z"), member: "dee")
        let rotation = try daily(overrides: [cover])
        #expect(rotation.onCall(at: at("2027-03-11T20:00:00Z")) == "dee")
        #expect(rotation.onCall(at: at("2027-03-12T02:00:00Z")) == "ben")
        let shifts = rotation.shifts(from: at("2027-03-11T14:00:00Z"), to: at("2027-03-12T14:00:00Z"))
        #expect(shifts.map(\.member) == ["ben", "dee", "ben"])
        #expect(shifts[1].isOverride && shifts[1].start == cover.start && shifts[1].end == cover.end)
    }

    @Test func badRotationsNameTheirFields() {
        do {
            _ = try Rotation(
                timezone: "Nowhere/Else", members: [], cadence: .weekly(weekday: 9), handoff: "25:00",
                startDate: LocalDate("2027-01-01")!,
                overrides: [Rotation.Override(start: at("2027-01-02T00:00:00Z"), end: at("2027-01-01T00:00:00Z"), member: "")])
            Issue.record("accepted")
        } catch {
            #expect(
                Set(error.problems.map(\.field)) == [
                    "timezone", "members", "handoff", "cadence", "overrides[0]", "overrides[0].member",
                ])
        }
    }
}
