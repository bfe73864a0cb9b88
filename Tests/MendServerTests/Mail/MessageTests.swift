import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Templates (admins' versions, previews that refuse a missing field) and status updates on the update cadence.
@Suite struct MessageTests {
    @Test func templatesAreCheckedSavedPreviewedAndReset() async throws {
        try await withMend { m in
            let path = "/api/v1/message-templates/escalated_out"
            let bad = #"{"subject":"Passed on {{survey.url}}","text":"Hi {{contact.name}","html":"<p>x</p>"}"#
            let (forbidden, _) = try await m.refused(.PUT, path, bad)
            #expect(forbidden == .forbidden, "an engineer cannot change templates")
            let (refused, fields) = try await m.refused(.PUT, path, bad, as: m.fx.adminToken)
            #expect(refused == .unprocessableEntity && fields == ["subject", "text"])
            let saved = try await m.post(
                path,
                #"{"subject":"With {{exit.party}} now","text":"Dear {{contact.name}}, ref {{exit.reference}}.","html":"<p>Ref {{exit.reference}}</p>"}"#,
                method: .PUT, as: m.fx.adminToken, expect: .ok)
            #expect(saved["custom"] as? Bool == true && saved["updatedBy"] as? String == "Ada Admin")

            let sample = try await m.post("\(path)/preview", "{}", expect: .ok)
            #expect(sample["subject"] as? String == "With Fibrenet Carrier NOC now")
            let n = try await m.openTicket(summary: "Branch circuit down", extra: #","contactID":"\#(m.fx.contactA)""#)
            let own = try await m.post("/api/v1/message-templates/acknowledged/preview", #"{"ticket":"\#(n)"}"#, expect: .ok)
            #expect((own["subject"] as? String)?.contains("Branch circuit down") == true)
            #expect((own["text"] as? String)?.contains("Hello Acme Corp Contact") == true)
            // A resolved message for a ticket without a resolution would have a blank: the preview refuses it by name.
            let missing = try await m.send(
                .POST, "/api/v1/message-templates/resolved/preview", as: m.fx.engineerToken, json: #"{"ticket":"\#(n)"}"#)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("ticket.resolution"))
            let draft = try await m.send(
                .POST, "/api/v1/message-templates/acknowledged/preview", as: m.fx.engineerToken,
                json: #"{"ticket":"\#(n)","text":"Hello {{company.name}} {{msp.logoURL}}"}"#)
            #expect(draft.status == .unprocessableEntity && draft.body.string.contains("template-field-missing"))
            #expect(draft.body.string.contains("msp.logoURL"))

            let reset = try await m.post(path, nil, method: .DELETE, as: m.fx.adminToken, expect: .ok)
            #expect(reset["custom"] as? Bool == false)
            let (unknown, _) = try await m.refused(.GET, "/api/v1/message-templates/nonsense", nil)
            #expect(unknown == .notFound)
        }
    }

    @Test func aStatusUpdateIsAnOnstageNoteAnEmailAndRestartsTheUpdateClock() async throws {
        try await withMend { m in
            m.clock.set(SlaClockTests.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high","contactID":"\#(m.fx.contactA)""#)
            let (blank, fields) = try await m.refused(.POST, "/api/v1/tickets/\(n)/updates", #"{"body":"  "}"#)
            #expect(blank == .unprocessableEntity && fields == ["body"])
            m.clock.advance(seconds: 600)
            let sent = try await m.post("/api/v1/tickets/\(n)/updates", #"{"body":"The carrier found the fault."}"#)
            let message = try #require(sent["message"] as? [String: Any])
            #expect(message["template"] as? String == "status_update" && message["state"] as? String == "pending")
            #expect(message["recipient"] as? String == "contact@acme.example")
            let ticket = try await m.ticket(n)
            // P1 updates are due every 30 minutes after the last one.
            #expect(try ticket.clock("update").dueAt == SlaClockTests.monday9.addingTimeInterval(600 + 1800))
            let notes = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken))
            #expect(notes.contains { $0["body"] as? String == "The carrier found the fault." })
            let listed = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/messages", as: m.fx.engineerToken))
            #expect(listed.count == 1)
            let pending = try m.items(try await m.send(.GET, "/api/v1/outbox?state=pending", as: m.fx.engineerToken))
            #expect(pending.count == 1 && pending.first?["ticket"] as? String == n)
            let (badState, _) = try await m.refused(.GET, "/api/v1/outbox?state=lost", nil)
            #expect(badState == .unprocessableEntity)
            let id = try #require(message["id"] as? String)
            let (notFailed, _) = try await m.refused(.POST, "/api/v1/outbox/\(id)/retry", nil)
            #expect(notFailed == .conflict)
        }
    }

    @Test func theClientConfirmsOrRejectsARestoration() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            let (early, _) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/confirmation", #"{"works":true}"#, as: m.fx.clientAToken)
            #expect(early == .conflict, "nothing to confirm before restoration")
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"VPN up","result":"passed"}"#, expect: .ok)
            let (staff, _) = try await m.refused(.POST, "/api/v1/tickets/\(n)/confirmation", #"{"works":true}"#)
            #expect(staff == .forbidden)
            let (missing, fields) = try await m.refused(.POST, "/api/v1/tickets/\(n)/confirmation", "{}", as: m.fx.clientAToken)
            #expect(missing == .unprocessableEntity && fields == ["works"])
            try await m.post(
                "/api/v1/tickets/\(n)/confirmation", #"{"works":false,"note":"Still cannot reach the CRM"}"#,
                as: m.fx.clientAToken, expect: .ok)
            var ticket = try await m.ticket(n)
            #expect(ticket.status == "in_progress" && !ticket.restoredTested)
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"CRM reachable","result":"passed"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/confirmation", #"{"works":true}"#, as: m.fx.clientAToken, expect: .ok)
            ticket = try await m.ticket(n)
            #expect(ticket.status == "restored" && ticket.verificationAttempted)
            let attempts = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/verifications", as: m.fx.engineerToken))
            #expect(attempts.compactMap { $0["outcome"] as? String } == ["still_broken", "confirmed"])
            #expect(attempts.allSatisfy { $0["channel"] as? String == "portal" })
        }
    }

    @Test func theAssigneeIsRemindedWhenAClientUpdateIsDueAndWhenItIsOverdue() async throws {
        try await withMend { m in
            let n = try await m.openTicket(
                extra: #","impact":"high","urgency":"high","assigneeID":"\#(m.fx.engineer)","contactID":"\#(m.fx.contactA)""#)
            #expect(try await m.ticket(n).priority == "p1")
            // P1 wants an update every 30 minutes; the reminder comes at 75%.
            m.clock.advance(seconds: 23 * 60)
            try await m.slaTick()
            let due = try await m.notificationTitles(m.fx.engineerToken).filter { $0.hasPrefix("Client update") }
            #expect(due == ["Client update due: \(n) P1: VPN down at head office"])
            let row = try #require(try await NotificationModel.query(on: m.app.db).filter(\.$kind == "update_due").first())
            #expect(row.body.hasPrefix("Send the client a status update by "))
            m.clock.advance(seconds: 8 * 60)
            try await m.slaTick()
            let overdue = try await m.notificationTitles(m.fx.engineerToken).filter { $0.hasPrefix("Client update overdue") }
            #expect(overdue.count == 1)
            // A status update restarts the clock: no reminder until the next cycle nears its end.
            try await m.post("/api/v1/tickets/\(n)/updates", #"{"body":"Still on it."}"#)
            m.clock.advance(seconds: 10 * 60)
            try await m.slaTick()
            #expect(try await NotificationModel.query(on: m.app.db).filter(\.$kind == "update_due").count() == 2)
        }
    }
}
