import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// 04c.01: troubleshooting steps log time, open the time box, and an escalation level fires when it is used up.
@Suite struct TroubleshootingTests {
    @Test func aStepLogsTimeStartsTheBoxAndTheBoxTriggerEscalates() async throws {
        try await withMend { m in
            let (smeID, smeToken) = try await m.addStaff("Sid Expert", role: "sme")
            try await m.post(
                "/api/v1/escalation-policies",
                #"{"name":"P3 box","priority":"p3","levels":[{"trigger":{"timebox":true},"actions":{"notify":{"roles":[],"users":["\#(smeID)"]}}}]}"#,
                as: m.fx.managerToken)
            let n = try await m.openTicket()
            let version = try await m.ticket(n).version
            let (status, fields) = try await m.refused(.POST, "/api/v1/tickets/\(n)/diagnosis", #"{"step":" ","minutes":2000}"#)
            #expect(status == .unprocessableEntity && fields == ["step", "minutes"])
            #expect(try await m.ticket(n).version == version, "a refused step changes nothing")

            try await m.post(
                "/api/v1/tickets/\(n)/diagnosis", #"{"step":"Pinged the gateway","finding":"No reply","minutes":10}"#)
            let ticket = try await m.ticket(n)
            #expect(ticket.status == "in_progress" && ticket.minutesLogged == 10)
            var diagnosis = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)/diagnosis", as: m.fx.engineerToken))
            #expect(diagnosis["timeboxMinutes"] as? Int == 120)
            #expect(diagnosis["timeboxUsedUp"] as? Bool == false)
            // The box of a P3 is two hours from when the first step began (ten minutes before it was logged).
            m.clock.advance(seconds: 109 * 60)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "escalation_fired").isEmpty)
            m.clock.advance(seconds: 60)
            try await m.watchTick()
            try await m.watchTick()
            let fired = try await m.events(n, kind: "escalation_fired")
            #expect(fired.count == 1)
            #expect(fired.first?.after?.contains("troubleshooting time box used up") == true)
            #expect(try await m.notificationTitles(smeToken).contains { $0.contains(n) })
            diagnosis = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)/diagnosis", as: m.fx.engineerToken))
            #expect(diagnosis["timeboxUsedUp"] as? Bool == true)
        }
    }

    @Test func checklistsAndTheTimeBoxAreAdminSettings() async throws {
        try await withMend { m in
            let list = #"{"ticketType":"VPN down","items":["Check WAN","Tunnel status","Recent changes"]}"#
            let (forbidden, _) = try await m.refused(.POST, "/api/v1/checklists", list)
            #expect(forbidden == .forbidden, "an engineer cannot edit checklists")
            let created = try await m.post("/api/v1/checklists", list, as: m.fx.adminToken)
            #expect((created["items"] as? [String])?.count == 3)
            let (duplicate, fields) = try await m.refused(.POST, "/api/v1/checklists", list, as: m.fx.adminToken)
            #expect(duplicate == .conflict && fields == ["ticketType"], "a second checklist for the type is a conflict")

            let n = try await m.openTicket(extra: #","type":"vpn down""#)
            let (bad, badFields) = try await m.refused(.PUT, "/api/v1/tickets/\(n)/checklist", #"{"done":[0,7]}"#)
            #expect(bad == .unprocessableEntity && badFields == ["done[1]"])
            let ticked = try await m.post("/api/v1/tickets/\(n)/checklist", #"{"done":[2,0]}"#, method: .PUT, expect: .ok)
            #expect(ticked["done"] as? [Int] == [0, 2])
            let diagnosis = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)/diagnosis", as: m.fx.engineerToken))
            #expect((diagnosis["checklist"] as? [String: Any])?["done"] as? [Int] == [0, 2])
            let other = try await m.openTicket(extra: #","type":"Printing""#)
            let (none, _) = try await m.refused(.PUT, "/api/v1/tickets/\(other)/checklist", #"{"done":[0]}"#)
            #expect(none == .conflict, "no checklist applies to that type")

            let (badBox, boxFields) = try await m.refused(
                .PUT, "/api/v1/settings/timebox", #"{"minutes":{"p1":1,"p2":60,"p3":90}}"#, as: m.fx.adminToken)
            #expect(badBox == .unprocessableEntity && boxFields == ["minutes.p1", "minutes.p4"])
            try await m.post(
                "/api/v1/settings/timebox", #"{"minutes":{"p1":15,"p2":45,"p3":90,"p4":240}}"#, method: .PUT,
                as: m.fx.adminToken, expect: .ok)
            let box = try m.object(try await m.send(.GET, "/api/v1/settings/timebox", as: m.fx.engineerToken))
            #expect((box["minutes"] as? [String: Int])?["p3"] == 90)
        }
    }
}
