import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Escalation policies over the API: refusals that change nothing, versions, and levels firing once
/// through the scheduler with the version that fired.
@Suite struct EscalationPolicyTests {
    func policy(_ levels: String, priority: String = "p1", name: String = "P1 escalation") -> String {
        #"{"name":"\#(name)","priority":"\#(priority)","levels":\#(levels)}"#
    }

    @Test func badPoliciesAreRefusedNamingTheProblemAndChangeNothing() async throws {
        try await withMend { m in
            let cases: [(String, String)] = [
                (#"[{"trigger":{"clock":"restoration","percent":1001},"actions":{"queue":"noc"}}]"#, "levels[0].trigger.percent"),
                (
                    #"[{"trigger":{"clock":"response","percent":50},"actions":{"notify":{"roles":["wizard"],"users":[]}}}]"#,
                    "levels[0].actions.notify.roles[0]"
                ),
                (#"[{"trigger":{"minutes":30},"actions":{"queue":"nowhere"}}]"#, "levels[0].actions.queue"),
                (#"[{"trigger":{"minutes":30},"actions":{}}]"#, "levels[0].actions"),
                (#"[]"#, "levels"),
                (#""soon""#, "levels"),
            ]
            for (levels, field) in cases {
                let r = try await m.send(.POST, "/api/v1/escalation-policies", as: m.fx.managerToken, json: policy(levels))
                #expect(r.status == .unprocessableEntity, "\(levels): \(r.body.string)")
                #expect(r.body.string.contains("\"\(field)\""), "\(levels) should name \(field): \(r.body.string)")
            }
            let unknownMember = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json: #"{"name":"X","priority":"p9","levels":[],"colour":"red"}"#)
            #expect(unknownMember.status == .unprocessableEntity)
            for field in ["colour", "priority", "levels"] { #expect(unknownMember.body.string.contains(field)) }
            let engineer = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.engineerToken,
                json: policy(#"[{"trigger":{"minutes":30},"actions":{"queue":"noc"}}]"#))
            #expect(engineer.status == .forbidden)
            let list = try await m.send(.GET, "/api/v1/escalation-policies", as: m.fx.managerToken)
            #expect(try m.items(list).isEmpty)
        }
    }

    @Test func aLevelFiresOnceAndAnEditAppliesFromThenOnWithItsVersion() async throws {
        try await withMend { m in
            let created = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json: policy(
                    #"[{"trigger":{"status":"new","minutes":30},"actions":{"notify":{"roles":["service_manager"],"users":[]}}},{"trigger":{"minutes":90},"actions":{"notify":{"users":["\#(m.fx.engineer)"],"roles":[]}}}]"#
                ))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(try m.object(created)["id"] as? String)
            #expect(try m.object(created)["version"] as? Int == 1)
            let duplicate = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json: policy(#"[{"trigger":{"minutes":5},"actions":{"queue":"noc"}}]"#))
            #expect(duplicate.status == .conflict)

            let n = try await m.openTicket(summary: "Core switch down", extra: TestMend.p1)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "escalation_fired").isEmpty, "nothing is due at once")
            m.clock.advance(seconds: 31 * 60)
            try await m.watchTick()
            try await m.watchTick()
            let fired = try await m.events(n, kind: "escalation_fired")
            #expect(fired.count == 1)
            #expect(fired.first?.after?.contains(#""version":"1""#) == true)
            #expect(fired.first?.summary.contains("30 min in New without progress") == true)
            #expect(try await m.notificationTitles(m.fx.managerToken).contains { $0.hasPrefix("Escalation: \(n)") })

            // Version 2 changes the second level; the first, fired under version 1, does not fire again.
            let edited = try await m.send(
                .PUT, "/api/v1/escalation-policies/\(id)", as: m.fx.managerToken,
                json: policy(
                    #"[{"trigger":{"status":"new","minutes":30},"actions":{"notify":{"roles":["service_manager"],"users":[]}}},{"trigger":{"minutes":40},"actions":{"queue":"noc","notify":{"roles":["engineer"],"users":[]}}}]"#
                ))
            #expect(edited.status == .ok, "\(edited.body.string)")
            #expect(try m.object(edited)["version"] as? Int == 2)
            m.clock.advance(seconds: 10 * 60)
            try await m.watchTick()
            let after = try await m.events(n, kind: "escalation_fired")
            #expect(after.count == 2)
            #expect(after.last?.after?.contains(#""level":"2""#) == true)
            #expect(after.last?.after?.contains(#""version":"2""#) == true)
            let versions = try m.items(
                try await m.send(.GET, "/api/v1/escalation-policies/\(id)/versions", as: m.fx.engineerToken))
            #expect(versions.map { $0["version"] as? Int } == [2, 1])
            // Both levels have fired: nothing more fires for this ticket.
            m.clock.advance(seconds: 3600)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "escalation_fired").count == 2)
        }
    }

    @Test func theWatchLooksOnlyAtTicketsItHasSomethingToCheckOn() async throws {
        try await withMend { m in
            func nextLook(_ n: String) async throws -> Date? {
                try await TicketModel.query(on: m.app.db).filter(\.$number == Int(n.dropFirst(2))!).first()!.watchNextAt
            }
            let p3 = try await m.openTicket(summary: "Slow printer")
            let p1 = try await m.openTicket(summary: "Core down", extra: TestMend.p1)
            #expect(try await nextLook(p3) == nil, "no policy for P3, no after-hours or handoff rule")
            #expect(try await nextLook(p1) != nil)
            try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json: policy(#"[{"trigger":{"minutes":30},"actions":{"queue":"noc"}}]"#, priority: "p3", name: "P3"))
            #expect(try await nextLook(p3) != nil, "a new policy looks at the open tickets of its priority")
        }
    }

    @Test func aClockShareRaisesThePriorityAndMovesTheQueue() async throws {
        try await withMend { m in
            let queue = try await m.send(
                .POST, "/api/v1/queues", as: m.fx.adminToken, json: #"{"key":"network-sme","name":"Network SMEs"}"#)
            #expect(queue.status == .created, "\(queue.body.string)")
            try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json: policy(
                    #"[{"trigger":{"clock":"response","percent":50},"actions":{"raise_priority":"p2","queue":"network-sme"}}]"#,
                    priority: "p3", name: "P3"))
            m.clock.set(SlaClockTests.monday9)
            let n = try await m.openTicket(summary: "Printer VLAN flapping")
            #expect(try await m.ticket(n).priority == "p3")
            // P3 response is 2 business hours: half of it is 60 minutes.
            m.clock.advance(seconds: 59 * 60)
            try await m.watchTick()
            #expect(try await m.ticket(n).priority == "p3")
            m.clock.advance(seconds: 61)
            try await m.watchTick()
            let ticket = try await m.ticket(n)
            #expect(ticket.priority == "p2")
            #expect(ticket.queueID == UUID(uuidString: try m.object(queue)["id"] as! String))
            #expect(try await m.events(n, kind: "priority_changed").count == 1)
            // Raised to P2, the ticket now runs on P2 targets (response 30 min by the Standard policy).
            #expect(try ticket.clock("response").dueAt == SlaClockTests.monday9.addingTimeInterval(30 * 60))
        }
    }

    @Test func escalationsByHandNeedAReasonAndReachTheManager() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let version = try await m.ticket(n).version
            let bad = try await m.send(
                .POST, "/api/v1/tickets/\(n)/escalations", as: m.fx.engineerToken, json: #"{"kind":"hierarchical","reason":" "}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("reason"))
            let noTarget = try await m.send(
                .POST, "/api/v1/tickets/\(n)/escalations", as: m.fx.engineerToken,
                json: #"{"kind":"functional","reason":"Firmware"}"#)
            #expect(noTarget.status == .unprocessableEntity && noTarget.body.string.contains("party"))
            let kind = try await m.send(
                .POST, "/api/v1/tickets/\(n)/escalations", as: m.fx.engineerToken, json: #"{"kind":"sideways","reason":"x"}"#)
            #expect(kind.status == .unprocessableEntity && kind.body.string.contains("kind"))
            #expect(try await m.ticket(n).version == version, "refusals change nothing")
            let up = try await m.send(
                .POST, "/api/v1/tickets/\(n)/escalations", as: m.fx.engineerToken,
                json: #"{"kind":"hierarchical","reason":"Client CEO is calling every ten minutes"}"#)
            #expect(up.status == .ok, "\(up.body.string)")
            let vendor = try await m.send(
                .POST, "/api/v1/tickets/\(n)/escalations", as: m.fx.engineerToken,
                json: #"{"kind":"functional","reason":"Suspected firmware bug","party":"Cisco TAC"}"#)
            #expect(vendor.status == .ok)
            let events = try await m.events(n, kind: "escalated")
            #expect(
                events.map(\.summary) == [
                    "Hierarchical escalation to Mia Manager by Eli Engineer: Client CEO is calling every ten minutes",
                    "Functional escalation to Cisco TAC by Eli Engineer: Suspected firmware bug",
                ])
            #expect(try await m.notificationTitles(m.fx.managerToken).contains { $0.hasPrefix("Hierarchical escalation: \(n)") })
        }
    }

    @Test func pullNextTakesTheHighestPriorityThenTheNearestDeadline() async throws {
        try await withMend { m in
            m.clock.set(SlaClockTests.monday9)
            let p3 = try await m.openTicket(summary: "Slow printer")
            m.clock.advance(seconds: 60)
            let firstP1 = try await m.openTicket(summary: "Core switch down", extra: TestMend.p1)
            m.clock.advance(seconds: 60)
            let secondP1 = try await m.openTicket(summary: "Firewall down", extra: TestMend.p1)
            _ = try await m.openTicket(
                summary: "Assigned already", extra: #","impact":"high","urgency":"high","assigneeID":"\#(m.fx.manager)""#)
            var pulled: [String] = []
            for _ in 0..<3 {
                let r = try await m.send(.POST, "/api/v1/queues/\(m.fx.nocQueue)/pull", as: m.fx.engineerToken)
                #expect(r.status == .ok, "\(r.body.string)")
                pulled.append(try m.object(r)["number"] as? String ?? "")
            }
            #expect(pulled == [firstP1, secondP1, p3])
            let ticket = try await m.ticket(firstP1)
            #expect(ticket.assigneeID == m.fx.engineer && ticket.status == "assigned")
            let empty = try await m.send(.POST, "/api/v1/queues/\(m.fx.nocQueue)/pull", as: m.fx.engineerToken)
            #expect(empty.status == .noContent)
            let unknown = try await m.send(.POST, "/api/v1/queues/\(UUID())/pull", as: m.fx.engineerToken)
            #expect(unknown.status == .notFound)
            let client = try await m.send(.POST, "/api/v1/queues/\(m.fx.nocQueue)/pull", as: m.fx.clientAToken)
            #expect(client.status == .notFound)
        }
    }
}
