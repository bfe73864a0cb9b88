import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// After-hours P1/P2 pages, acknowledgement timeouts moving up the chain, elect and decline, and
/// notifications held to working hours except for P1 and on-call staff.
@Suite struct PagingTests {
    /// A nightly rotation in New York: the engineer, then the admin; pages must be acknowledged in 10 minutes.
    func rotation(_ m: TestMend) async throws -> String {
        let r = try await m.send(
            .POST, "/api/v1/rotations", as: m.fx.managerToken,
            json:
                #"{"name":"Nights","timezone":"America/New_York","cadence":"weekly","weekday":"mon","handoff":"09:00","startDate":"2026-11-02","members":["\#(m.fx.engineer)","\#(m.fx.admin)"],"ackMinutes":10,"afterHours":true}"#
        )
        #expect(r.status == .created, "\(r.body.string)")
        #expect(try m.object(r)["afterHours"] as? Bool == true)
        return try #require(try m.object(r)["id"] as? String)
    }

    func openPage(_ m: TestMend, token: String) async throws -> [String: Any]? {
        try m.items(try await m.send(.GET, "/api/v1/pages", as: token)).first
    }

    @Test func anAfterHoursP1PagesOnCallAndAnUnacknowledgedPageMovesUpTheChain() async throws {
        try await withMend { m in
            _ = try await rotation(m)
            m.clock.set(TestMend.elevenPM)
            let n = try await m.openTicket(summary: "Core switch down", extra: TestMend.p1)
            let p3 = try await m.openTicket(summary: "Printer jam")
            try await m.watchTick()
            // The week of 2026-11-16 is the engineer's (the third week since 2026-11-02).
            let page = try #require(try await openPage(m, token: m.fx.engineerToken))
            #expect(page["ticket"] as? String == n)
            #expect(
                (page["chain"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                    "Eli Engineer", "Ada Admin", "Mia Manager",
                ])
            #expect(try await m.events(n, kind: "page_sent").count == 1)
            #expect(try await m.events(p3, kind: "page_sent").isEmpty, "a P3 does not page")
            #expect(try await m.notificationTitles(m.fx.engineerToken).contains("Page: \(n) P1: Core switch down"))
            try await m.watchTick()
            #expect(try await m.events(n, kind: "page_sent").count == 1, "paged once")

            // Ten minutes without acknowledgement: the admin has it now.
            m.clock.advance(seconds: 10 * 60)
            try await m.watchTick()
            #expect(try await openPage(m, token: m.fx.engineerToken) == nil)
            let moved = try #require(try await openPage(m, token: m.fx.adminToken))
            #expect(moved["step"] as? Int == 1)
            #expect(
                try await m.events(n, kind: "page_moved").first?.summary.contains("no acknowledgement from Eli Engineer") == true)

            // The engineer can no longer answer it; the admin declines (a reason is required), then the manager acknowledges.
            let id = try #require(moved["id"] as? String)
            let notTheirs = try await m.send(.POST, "/api/v1/pages/\(id)/acknowledge", as: m.fx.engineerToken)
            #expect(notTheirs.status == .forbidden)
            let noReason = try await m.send(.POST, "/api/v1/pages/\(id)/decline", as: m.fx.adminToken, json: #"{"reason":""}"#)
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("reason"))
            let declined = try await m.send(
                .POST, "/api/v1/pages/\(id)/decline", as: m.fx.adminToken, json: #"{"reason":"On a plane"}"#)
            #expect(declined.status == .ok, "\(declined.body.string)")
            #expect((try m.object(declined)["current"] as? [String: Any])?["name"] as? String == "Mia Manager")
            let acknowledged = try await m.send(.POST, "/api/v1/pages/\(id)/acknowledge", as: m.fx.managerToken)
            #expect(try m.object(acknowledged)["state"] as? String == "acknowledged")
            let again = try await m.send(.POST, "/api/v1/pages/\(id)/acknowledge", as: m.fx.managerToken)
            #expect(again.status == .conflict)
            // Acknowledged: the page's own escalation stops.
            m.clock.advance(seconds: 3600)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "page_moved").count == 2)
        }
    }

    @Test func electingRemoteResolutionTakesTheTicketAsAfterHoursOnCall() async throws {
        try await withMend { m in
            _ = try await rotation(m)
            m.clock.set(TestMend.elevenPM)
            let n = try await m.openTicket(summary: "WAN down", extra: #","impact":"high","urgency":"medium""#)
            #expect(try await m.ticket(n).priority == "p2")
            try await m.watchTick()
            let page = try #require(try await openPage(m, token: m.fx.engineerToken))
            let r = try await m.send(.POST, "/api/v1/pages/\(page["id"] as! String)/elect", as: m.fx.engineerToken)
            #expect(r.status == .ok, "\(r.body.string)")
            #expect(try m.object(r)["state"] as? String == "elected")
            let ticket = try await m.ticket(n)
            #expect(ticket.assigneeID == m.fx.engineer)
            #expect(ticket.source == "after_hours_on_call")
            #expect(ticket.status == "assigned")
        }
    }

    @Test func aBreachAt23HoursWaitsForWorkingHoursOnAP3ButNotOnAP1() async throws {
        try await withMend { m in
            try await m.openAroundTheClock()
            let hours = try await m.send(
                .PUT, "/api/v1/me/working-hours", as: m.fx.engineerToken,
                json:
                    #"{"workingHours":{"timezone":"America/New_York","week":{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]],"sat":[],"sun":[]},"holidays":[]}}"#
            )
            #expect(hours.status == .ok, "\(hours.body.string)")
            let badHours = try await m.send(
                .PUT, "/api/v1/me/working-hours", as: m.fx.engineerToken,
                json: #"{"workingHours":{"timezone":"Mars/Base","week":{}}}"#)
            #expect(badHours.status == .unprocessableEntity && badHours.body.string.contains("workingHours.timezone"))
            // P3 response is 2 hours (business, open all day here); P1 response is 15 minutes around the clock.
            m.clock.set(TestMend.elevenPM.addingTimeInterval(-2 * 3600))
            let p3 = try await m.openTicket(summary: "Slow file share", extra: #","assigneeID":"\#(m.fx.engineer)""#)
            m.clock.set(TestMend.elevenPM.addingTimeInterval(-15 * 60))
            let p1 = try await m.openTicket(
                summary: "Core switch down", extra: #","impact":"high","urgency":"high","assigneeID":"\#(m.fx.engineer)""#)
            m.clock.set(TestMend.elevenPM)
            try await m.slaTick()
            #expect(try await m.events(p3, kind: "sla_breached").count == 1)
            #expect(try await m.events(p1, kind: "sla_breached").count == 1)
            let night = try await m.notificationTitles(m.fx.engineerToken)
            #expect(night.contains { $0.hasPrefix("SLA breached: \(p1)") })
            #expect(!night.contains { $0.contains(p3) }, "the P3 breach waits for the morning")
            // 08:00 Thursday in New York.
            m.clock.set(TestMend.elevenPM.addingTimeInterval(9 * 3600))
            let morning = try await m.notificationTitles(m.fx.engineerToken)
            #expect(morning.contains { $0.hasPrefix("SLA breached: \(p3)") })
            let list = try m.object(try await m.send(.GET, "/api/v1/notifications", as: m.fx.engineerToken))
            #expect((list["unread"] as? Int ?? 0) >= 2)
            let read = try await m.send(.POST, "/api/v1/notifications/read-all", as: m.fx.engineerToken)
            #expect(try m.object(read)["unread"] as? Int == 0)
            let others = try await m.send(.GET, "/api/v1/notifications", as: m.fx.managerToken)
            #expect(!others.body.string.contains("SLA breached: \(p3)"), "notifications are personal")
        }
    }

    @Test func onCallStaffGetRoutineNotificationsAtNight() async throws {
        try await withMend { m in
            _ = try await rotation(m)  // the engineer is on call this week
            try await m.openAroundTheClock()
            try await m.send(
                .PUT, "/api/v1/me/working-hours", as: m.fx.engineerToken,
                json:
                    #"{"workingHours":{"timezone":"America/New_York","week":{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]],"sat":[],"sun":[]},"holidays":[]}}"#
            )
            m.clock.set(TestMend.elevenPM.addingTimeInterval(-2 * 3600))
            let p3 = try await m.openTicket(summary: "Slow file share", extra: #","assigneeID":"\#(m.fx.engineer)""#)
            m.clock.set(TestMend.elevenPM)
            try await m.slaTick()
            #expect(try await m.notificationTitles(m.fx.engineerToken).contains { $0.hasPrefix("SLA breached: \(p3)") })
        }
    }
}

extension PagingTests {
    @Test func aLevelAtZeroPercentPagesAtOnce() async throws {
        try await withMend { m in
            let rotation = try await rotation(m)
            let r = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json:
                    #"{"name":"P4 now","priority":"p4","levels":[{"trigger":{"clock":"response","percent":0},"actions":{"page_rotation":"\#(rotation)"}}]}"#
            )
            #expect(r.status == .created, "\(r.body.string)")
            m.clock.set(SlaClockTests.monday9)
            let n = try await m.openTicket(summary: "Label printer", extra: #","impact":"low","urgency":"low""#)
            #expect(try await m.ticket(n).priority == "p4")
            try await m.watchTick()
            #expect(try await m.events(n, kind: "escalation_fired").count == 1)
            #expect(try await m.events(n, kind: "page_sent").count == 1)
        }
    }
}
