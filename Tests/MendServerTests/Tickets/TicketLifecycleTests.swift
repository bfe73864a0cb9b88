import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

@Suite("Ticket lifecycle", .serialized) struct TicketLifecycleTests {
    @Test func createGivesNumberPriorityAndCreatedEvent() async throws {
        try await withMend { m in
            let json =
                #"{"summary":"Firewall down","companyID":"\#(m.fx.companyA)","impact":"high","urgency":"high","source":"monitoring_alert"}"#
            let response = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: json)
            #expect(response.status == .created)
            let ticket = try response.content.decode(TicketDTO.self)
            #expect(ticket.number == "T-000001")
            #expect(ticket.priority == "p1")
            #expect(ticket.status == "new")
            #expect(ticket.source == "monitoring_alert")
            #expect(ticket.queueID == m.fx.nocQueue)
            #expect(response.headers.first(name: .eTag) == "\"1\"")
            #expect(response.headers.first(name: .location) == "/api/v1/tickets/T-000001")
            let second = try await m.openTicket(summary: "Second")
            #expect(second == "T-000002")
            let events = try await m.send(.GET, "/api/v1/tickets/T-000001/events", as: m.fx.engineerToken)
            #expect(events.body.string.contains("\"kind\":\"created\""))
        }
    }

    @Test func fullPathToClosedOverTheAPI() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            let assign = try await m.send(.PATCH, path, as: m.fx.engineerToken, json: #"{"assigneeID":"\#(m.fx.engineer)"}"#)
            #expect(assign.status == .ok)
            #expect(try assign.content.decode(TicketDTO.self).status == "assigned")
            #expect(
                try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#).status
                    == .ok)
            #expect(
                try await m.send(
                    .POST, "\(path)/notes", as: m.fx.engineerToken,
                    json: #"{"body":"Tunnel renegotiating","visibility":"backstage"}"#
                ).status == .created)
            let restored = try await m.send(
                .POST, "\(path)/restoration", as: m.fx.engineerToken,
                json: #"{"test":"Pinged branch gateway, opened CRM","result":"passed"}"#)
            #expect(try restored.content.decode(TicketDTO.self).status == "restored")
            #expect(
                try await m.send(
                    .POST, "\(path)/verifications", as: m.fx.engineerToken, json: #"{"channel":"phone","outcome":"confirmed"}"#
                ).status == .created)
            #expect(
                try await m.send(
                    .POST, "\(path)/time-entries", as: m.fx.engineerToken, json: #"{"minutes":45,"workType":"remediation"}"#
                ).status == .created)
            let resolved = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken,
                json: #"{"to":"resolved","resolutionNote":"Reverted the firmware; VPN is stable."}"#)
            #expect(resolved.status == .ok, "\(resolved.body.string)")
            let ticket = try resolved.content.decode(TicketDTO.self)
            #expect(ticket.status == "resolved")
            #expect(ticket.resolution == "Reverted the firmware; VPN is stable.")
            #expect(ticket.minutesLogged == 45)
            let closed = try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"closed"}"#)
            #expect(try closed.content.decode(TicketDTO.self).status == "closed")
            let events = try await m.send(.GET, "\(path)/events", as: m.fx.engineerToken).content.decode(ListDTO<EventDTO>.self)
                .items
            #expect(
                events.map(\.kind) == [
                    "created", "assigned", "status_changed", "status_changed", "note_added", "restoration_tested",
                    "status_changed",
                    "verification_attempted", "time_logged", "note_added", "status_changed", "status_changed",
                ])
            #expect(events.allSatisfy { $0.actorName == "Eli Engineer" })
        }
    }

    @Test func resolvingTooEarlyNamesEveryUnmetGateAndChangesNothing() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            try await m.send(.POST, "\(path)/restoration", as: m.fx.engineerToken, json: #"{"test":"Checked","result":"passed"}"#)
            let before = try await m.ticket(n)
            let eventsBefore = try await m.eventCount(n)
            let refused = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"resolved","resolutionNote":"Fixed"}"#)
            #expect(refused.status == .unprocessableEntity)
            let problem = try #require(refused.problem)
            #expect(problem.type == "urn:mend:problem:exit-gates-unmet")
            #expect(problem.gates?.map(\.gate) == ["verification_attempted", "time_entered"])
            let after = try await m.ticket(n)
            #expect(after.version == before.version)
            #expect(after.resolution == nil, "the resolution note must roll back with the refused transition")
            #expect(try await m.eventCount(n) == eventsBefore)
        }
    }

    @Test func illegalTransitionListsTheLegalOnes() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let refused = try await m.send(
                .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"closed"}"#)
            #expect(refused.status == .conflict)
            let problem = try #require(refused.problem)
            #expect(problem.type == "urn:mend:problem:illegal-transition")
            #expect(problem.field == "to")
            #expect(problem.allowed?.contains("in_progress") == true)
            #expect(problem.allowed?.contains("closed") == false)
            #expect(try await m.ticket(n).status == "new")
        }
    }

    @Test func escalatingOutRecordsTheExitAndReopenNeedsAReason() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            try await m.send(
                .POST, "\(path)/verifications", as: m.fx.engineerToken, json: #"{"channel":"email","outcome":"confirmed"}"#)
            try await m.send(
                .POST, "\(path)/time-entries", as: m.fx.engineerToken, json: #"{"minutes":20,"workType":"communication"}"#)
            let out = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken,
                json:
                    #"{"to":"escalated_out","exitParty":"Carrier NOC","exitReference":"LMN-1","resolutionNote":"The carrier is repairing the circuit."}"#
            )
            #expect(out.status == .ok, "\(out.body.string)")
            #expect(try out.content.decode(TicketDTO.self).exitParty == "Carrier NOC")
            let noReason = try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            #expect(noReason.problem?.type == "urn:mend:problem:reason-required")
            let reopened = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken,
                json: #"{"to":"in_progress","reason":"Carrier closed it but the circuit is still down"}"#)
            let ticket = try reopened.content.decode(TicketDTO.self)
            #expect(ticket.status == "in_progress")
            #expect(ticket.reopenCount == 1)
            #expect(ticket.exitParty == nil)
        }
    }

    @Test func reopenAfterTheWindowIsRefused() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            try await m.send(.POST, "\(path)/restoration", as: m.fx.engineerToken, json: #"{"test":"ok","result":"passed"}"#)
            try await m.send(
                .POST, "\(path)/verifications", as: m.fx.engineerToken, json: #"{"channel":"phone","outcome":"confirmed"}"#)
            try await m.send(.POST, "\(path)/time-entries", as: m.fx.engineerToken, json: #"{"minutes":5,"workType":"testing"}"#)
            try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"resolved","resolutionNote":"Done"}"#)
            m.clock.advance(seconds: 8 * 86_400)
            let late = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress","reason":"Broken again"}"#)
            #expect(late.status == .conflict)
            #expect(late.problem?.type == "urn:mend:problem:reopen-window-passed")
        }
    }

    @Test func stillBrokenSendsARestoredTicketBackToWork() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            try await m.send(.POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            try await m.send(.POST, "\(path)/restoration", as: m.fx.engineerToken, json: #"{"test":"ok","result":"passed"}"#)
            try await m.send(
                .POST, "\(path)/verifications", as: m.fx.engineerToken, json: #"{"channel":"phone","outcome":"still_broken"}"#)
            let ticket = try await m.ticket(n)
            #expect(ticket.status == "in_progress")
            #expect(!ticket.restoredTested)
            #expect(!ticket.verificationAttempted)
        }
    }

    @Test func failedRestorationTestKeepsTheTicketOpen() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            try await m.send(.POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/restoration", as: m.fx.engineerToken, json: #"{"test":"VPN up?","result":"failed"}"#)
            #expect(r.status == .ok)
            #expect(try await m.ticket(n).status == "in_progress")
        }
    }

    @Test func loweringPriorityNeedsReasonAndPermission() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let path = "/api/v1/tickets/\(n)"
            let engineer = try await m.send(
                .PATCH, path, as: m.fx.engineerToken, json: #"{"impact":"low","priorityReason":"one user"}"#)
            #expect(engineer.status == .forbidden)
            let noReason = try await m.send(.PATCH, path, as: m.fx.managerToken, json: #"{"impact":"low"}"#)
            #expect(noReason.problem?.field == "reason")
            #expect(try await m.ticket(n).priority == "p1")
            let ok = try await m.send(
                .PATCH, path, as: m.fx.managerToken, json: #"{"impact":"low","priorityReason":"Only one user affected"}"#)
            #expect(try ok.content.decode(TicketDTO.self).priority == "p3")
            let raise = try await m.send(.PATCH, path, as: m.fx.engineerToken, json: #"{"impact":"high"}"#)
            #expect(try raise.content.decode(TicketDTO.self).priority == "p1")
        }
    }
}

struct ListDTO<Item: Decodable>: Decodable { var items: [Item] }

struct EventDTO: Decodable {
    var kind: String
    var visibility: String
    var actorName: String
    var summary: String
}
