import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import MendServer

/// Clocks on tickets through the API: replayed from history, moved by pauses, priority, policy and calendar edits.
@Suite(.serialized) struct SlaClockTests {
    /// Monday 2026-11-30 09:00 in New York.
    static let monday9 = Date(timeIntervalSince1970: 1_796_047_200)

    func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func move(_ m: TestMend, _ n: String, to status: String) async throws {
        let r = try await m.send(.POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"\#(status)"}"#)
        #expect(r.status == .ok, "\(r.body.string)")
    }

    @Test func pausesAndAPriorityChangeMoveTheDeadlinesAsAReplayWould() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            var ticket = try await m.ticket(n)
            #expect(ticket.priority == "p2")
            #expect(ticket.sla?.timezone == "America/New_York")
            // 8 business hours from Monday 09:00 New York: Monday 17:00 (22:00Z).
            #expect(try ticket.clock("restoration").dueAt == iso("2026-11-30T22:00:00Z"))
            #expect(try ticket.clock("response").state == "running")
            m.clock.advance(seconds: 600)
            try await move(m, n, to: "in_progress")
            m.clock.advance(seconds: 3000)
            try await move(m, n, to: "waiting_on_client")
            ticket = try await m.ticket(n)
            #expect(try ticket.clock("response").state == "met")
            #expect(try ticket.clock("restoration").state == "paused")
            #expect(try ticket.clock("restoration").dueAt == nil)
            #expect(try ticket.clock("restoration").leftSeconds == 7 * 3600)
            m.clock.advance(seconds: 86_400)
            try await move(m, n, to: "in_progress")
            ticket = try await m.ticket(n)
            // 7 h left from Tuesday 10:00: Tuesday 17:00 New York.
            #expect(try ticket.clock("restoration").dueAt == iso("2026-12-01T22:00:00Z"))
            let lowered = try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.managerToken,
                json: #"{"impact":"medium","urgency":"medium","priorityReason":"only one user affected"}"#)
            #expect(lowered.status == .ok, "\(lowered.body.string)")
            ticket = try await m.ticket(n)
            #expect(ticket.priority == "p3")
            // P3 restoration is 18 business hours; the day spent waiting on the client is still excluded.
            #expect(try ticket.clock("restoration").dueAt == iso("2026-12-03T14:00:00Z"))
        }
    }

    @Test func anExitTransfersTheClocksAndAReopenResumesThem() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            try await move(m, n, to: "in_progress")
            m.clock.advance(seconds: 3600)
            try await m.escalateOut(n)
            var ticket = try await m.ticket(n)
            #expect(try ticket.clock("resolution").state == "transferred")
            #expect(try ticket.clock("restoration").state == "transferred")
            #expect(try ticket.clock("response").state == "met")
            // Reopened the next morning at 09:00: one business hour was used, 15 of the 16 P2 hours remain.
            m.clock.set(Self.monday9.addingTimeInterval(86_400))
            let reopened = try await m.send(
                .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken,
                json: #"{"to":"in_progress","reason":"carrier says the fault is on site"}"#)
            #expect(reopened.status == .ok, "\(reopened.body.string)")
            ticket = try await m.ticket(n)
            #expect(try ticket.clock("resolution").state == "running")
            #expect(try ticket.clock("resolution").leftSeconds == 15 * 3600)
        }
    }

    @Test func clientVisibleNotesAnswerTheResponseClockAndRestartTheUpdateCadence() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            m.clock.advance(seconds: 300)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"Internal","visibility":"backstage"}"#)
            var ticket = try await m.ticket(n)
            #expect(try ticket.clock("response").state == "running")
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"We are on it","visibility":"onstage"}"#)
            ticket = try await m.ticket(n)
            #expect(try ticket.clock("response").state == "met")
            // P1 updates are due every 30 minutes after the last one.
            #expect(try ticket.clock("update").dueAt == Self.monday9.addingTimeInterval(300 + 1800))
        }
    }

    @Test func theSchedulerFiresEachWarningAndBreachOnce() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            m.clock.advance(seconds: 12 * 60)  // 80% of the 15-minute P1 response target
            #expect(try await scheduler.tick(now: m.clock.now()) == 1)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            var ticket = try await m.ticket(n)
            #expect(ticket.sla?.atRisk == true)
            m.clock.advance(seconds: 4 * 60)
            #expect(try await scheduler.tick(now: m.clock.now()) == 1)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            ticket = try await m.ticket(n)
            #expect(try ticket.clock("response").state == "breached")
            #expect(try ticket.clock("response").leftSeconds == -60)
            #expect(ticket.sla?.breached == true)
            let events = try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.engineerToken).body.string
            #expect(events.components(separatedBy: "\"sla_breached\"").count - 1 == 1)
            #expect(events.components(separatedBy: "\"sla_warning\"").count - 1 == 1)
            let atRisk = try await m.send(.GET, "/api/v1/sla/at-risk", as: m.fx.engineerToken)
            #expect(atRisk.body.string.contains(n))
            // Clients never see the SLA machinery's list: to them it does not exist.
            #expect(try await m.send(.GET, "/api/v1/sla/at-risk", as: m.fx.clientAToken).status == .notFound)
        }
    }

    @Test func aMissedUpdateFiresPerCycle() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: #"{"body":"On it","visibility":"onstage"}"#)
            let scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            m.clock.advance(seconds: 30 * 60)
            try await scheduler.tick(now: m.clock.now())
            m.clock.advance(seconds: 30 * 60)
            try await scheduler.tick(now: m.clock.now())
            let ticket = try await m.ticket(n)
            #expect(try ticket.clock("update").misses == 2)
            #expect(try ticket.clock("update").dueAt == Self.monday9.addingTimeInterval(90 * 60))
            let events = try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.engineerToken).body.string
            #expect(events.components(separatedBy: "update.breach.").count - 1 == 2)
        }
    }

    @Test func aPolicyEditReplaysOpenTicketsOnTheNextTick() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            let path = "/api/v1/sla-policies/\(SlaPolicyModel.standardID)"
            let body =
                #"{"name":"Tight","warning_percent":50,"targets":{"p2":{"restoration":{"minutes":60,"basis":"business"}}}}"#
            #expect(try await m.send(.PUT, path, as: m.fx.engineerToken, json: body).status == .forbidden)
            let replaced = try await m.send(.PUT, path, as: m.fx.adminToken, json: body)
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            #expect(replaced.body.string.contains(#""version":2"#))
            try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: m.clock.now())
            let ticket = try await m.ticket(n)
            #expect(ticket.sla?.policy == "Tight")
            #expect(ticket.sla?.clocks.map(\.clock) == ["restoration"])
            #expect(try ticket.clock("restoration").dueAt == Self.monday9.addingTimeInterval(3600))
        }
    }

    /// The creation batch keeps its settings reads between batches on SQLite; any change to them, through the
    /// API or straight in the database (another process), must reach the next new ticket.
    @Test func aNewTicketReadsSettingsChangedSinceTheLastCreation() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let first = try await m.ticket(try await m.openTicket(extra: #","impact":"high","urgency":"medium""#))
            #expect(first.sla?.policy == "Standard")
            let body =
                #"{"name":"Tight","warning_percent":50,"targets":{"p2":{"restoration":{"minutes":60,"basis":"24x7"}}}}"#
            let replaced = try await m.send(
                .PUT, "/api/v1/sla-policies/\(SlaPolicyModel.standardID)", as: m.fx.adminToken, json: body)
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            let second = try await m.ticket(try await m.openTicket(extra: #","impact":"high","urgency":"medium""#))
            #expect(second.sla?.policy == "Tight")
            #expect(try second.clock("restoration").dueAt == Self.monday9.addingTimeInterval(3600))
            let zone = first.sla?.timezone == "Asia/Tokyo" ? "Europe/Oslo" : "Asia/Tokyo"
            try await (m.app.db as! any SQLDatabase).raw(
                "UPDATE companies SET timezone = \(bind: zone) WHERE id = \(bind: m.fx.companyA)"
            ).run()
            let third = try await m.ticket(try await m.openTicket(extra: #","impact":"high","urgency":"medium""#))
            #expect(third.sla?.timezone == zone)
        }
    }

    @Test func aChangeReadsSettingsChangedSinceTheLastChange() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            let note = #"{"body":"Looking into it","visibility":"backstage"}"#
            #expect(try await m.send(.POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: note).status == .created)
            #expect(try await m.ticket(n).sla?.policy == "Standard")
            let body =
                #"{"name":"Tight","warning_percent":50,"targets":{"p2":{"restoration":{"minutes":60,"basis":"24x7"}}}}"#
            let replaced = try await m.send(
                .PUT, "/api/v1/sla-policies/\(SlaPolicyModel.standardID)", as: m.fx.adminToken, json: body)
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            m.clock.advance(seconds: 60)
            #expect(try await m.send(.POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: note).status == .created)
            let ticket = try await m.ticket(n)
            #expect(ticket.sla?.policy == "Tight")
            #expect(try ticket.clock("restoration").dueAt == Self.monday9.addingTimeInterval(3600))
        }
    }

    @Test func aContractCalendarMovesItsTicketsDeadlines() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            let calendar = #"{"timezone":"Europe/London","week":{"mon":[["08:00","12:00"]]},"holidays":["2026-12-07"]}"#
            let r = try await m.send(
                .PUT, "/api/v1/contracts/\(m.fx.contractA)/sla", as: m.fx.adminToken, json: #"{"calendar":\#(calendar)}"#)
            #expect(r.status == .ok, "\(r.body.string)")
            try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: m.clock.now())
            let ticket = try await m.ticket(n)
            #expect(ticket.sla?.timezone == "Europe/London")
            // Opened Monday 14:00 London, after that day's hours; 8 h at 4 h per Monday, 2026-12-07 a holiday:
            // Mondays 12-14 and 12-21, closing at 12:00 on the 21st.
            #expect(try ticket.clock("restoration").dueAt == iso("2026-12-21T12:00:00Z"))
            let shown = try await m.send(.GET, "/api/v1/contracts/\(m.fx.contractA)/sla", as: m.fx.engineerToken).body.string
            #expect(shown.contains("Europe\\/London") && shown.contains(#""calendarIsDefault":false"#), "\(shown)")
        }
    }

    @Test func badPoliciesAndCalendarsAreRefusedNamingTheFieldAndChangeNothing() async throws {
        try await withMend { m in
            let path = "/api/v1/sla-policies/\(SlaPolicyModel.standardID)"
            let bad = try await m.send(
                .PUT, path, as: m.fx.adminToken,
                json: #"{"name":"X","targets":{"p1":{"response":{"minutes":-5,"basis":"sometimes"}}}}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.headers.contentType?.description.contains("problem+json") == true)
            #expect(
                bad.body.string.contains("targets.p1.response.minutes") && bad.body.string.contains("targets.p1.response.basis"))
            let kept = try await m.send(.GET, path, as: m.fx.adminToken).body.string
            #expect(kept.contains(#""version":1"#) && kept.contains(#""name":"Standard""#))
            let badCalendar = try await m.send(
                .PUT, "/api/v1/contracts/\(m.fx.contractA)/sla", as: m.fx.adminToken,
                json: #"{"calendar":{"timezone":"Mars/Olympus","week":{"mon":[["17:00","08:00"]]}},"colour":"red"}"#)
            #expect(badCalendar.status == .unprocessableEntity)
            for field in ["calendar.timezone", "calendar.week.mon[0]", "colour"] {
                #expect(badCalendar.body.string.contains(field), "\(field)")
            }
            let unknownPolicy = try await m.send(
                .PUT, "/api/v1/contracts/\(m.fx.contractA)/sla", as: m.fx.adminToken, json: #"{"slaPolicyID":"\#(UUID())"}"#)
            #expect(unknownPolicy.status == .unprocessableEntity && unknownPolicy.body.string.contains("slaPolicyID"))
            let shown = try await m.send(.GET, "/api/v1/contracts/\(m.fx.contractA)/sla", as: m.fx.adminToken).body.string
            #expect(shown.contains(#""calendarIsDefault":true"#))
            #expect(try await m.send(.GET, "/api/v1/sla-policies/\(UUID())", as: m.fx.adminToken).status == .notFound)
        }
    }
}
