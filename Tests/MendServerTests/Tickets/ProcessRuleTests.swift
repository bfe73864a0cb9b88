import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The process rules the integrity review found broken, through the API (MendCore's tests hold the rules alone).
@Suite struct ProcessRuleTests {
    /// A P1 taken into work by the engineer.
    func workingTicket(_ m: TestMend, summary: String = "Core switch down", contact: UUID? = nil) async throws -> String {
        let extra = #","assigneeID":"\#(m.fx.engineer)""# + (contact.map { #","contactID":"\#($0)""# } ?? "")
        let n = try await m.openTicket(summary: summary, extra: extra)
        try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
        return n
    }

    @Test func restoredIsReachedOnlyThroughAPassingRestorationTest() async throws {
        try await withMend { m in
            let n = try await workingTicket(m, contact: m.fx.contactA)
            let before = try await m.ticket(n)
            let named = try await m.send(
                .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"restored"}"#)
            #expect(named.status == .conflict)
            #expect(named.problem?.type == "urn:mend:problem:illegal-transition")
            #expect(named.problem?.allowed?.contains("restored") == false)
            #expect(named.problem?.allowed?.contains("escalated_out") == true)
            let after = try await m.ticket(n)
            #expect(after.status == "in_progress" && after.version == before.version, "a refusal changes nothing")
            #expect(try after.clock("restoration").state != "met")
            let options = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken))
            #expect(!options.contains { $0["to"] as? String == "restored" })
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"Ping and VPN","result":"passed"}"#, expect: .ok)
            #expect(try await m.ticket(n).status == "restored")
            #expect(try await m.events(n, kind: "client_message").contains { $0.after?.contains("restored_verify") == true })
        }
    }

    /// A page about a P1 at night, sent to the engineer on call (the fixtures' engineer this week).
    func pagedTicket(_ m: TestMend) async throws -> (String, String) {
        let r = try await m.send(
            .POST, "/api/v1/rotations", as: m.fx.managerToken,
            json:
                #"{"name":"Nights","timezone":"America/New_York","cadence":"weekly","weekday":"mon","handoff":"09:00","startDate":"2026-11-02","members":["\#(m.fx.engineer)","\#(m.fx.admin)"],"ackMinutes":10,"afterHours":true}"#
        )
        #expect(r.status == .created, "\(r.body.string)")
        m.clock.set(TestMend.elevenPM)
        let n = try await m.openTicket(summary: "Core switch down", extra: TestMend.p1)
        try await m.watchTick()
        let page = try #require(try m.items(try await m.send(.GET, "/api/v1/pages", as: m.fx.engineerToken)).first)
        return (n, try #require(page["id"] as? String))
    }

    /// A page as the list of all pages shows it.
    func page(_ m: TestMend, _ id: String) async throws -> [String: Any] {
        let all = try m.items(try await m.send(.GET, "/api/v1/pages?scope=all", as: m.fx.managerToken))
        return try #require(all.first { $0["id"] as? String == id })
    }

    @Test func aPageEndsWhenSomeoneElseWorksTheTicketAndCannotBeTakenFromThem() async throws {
        try await withMend { m in
            let (n, page) = try await pagedTicket(m)
            let (night, nightToken) = try await m.addStaff("Noor Night", role: "engineer")
            let patch = try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.managerToken, json: #"{"assigneeID":"\#(night)"}"#)
            #expect(patch.status == .ok, "\(patch.body.string)")
            let stillOpen = try await self.page(m, page)
            #expect(stillOpen["state"] as? String == "open", "assigned but not yet worked: the page still matters")
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, as: nightToken, expect: .ok)
            let ended = try await self.page(m, page)
            #expect(ended["state"] as? String == "ended")
            #expect(try await m.events(n, kind: "page_ended").first?.summary.contains("being worked") == true)
            // Ten minutes on, nothing moves up the chain, and the page cannot take the ticket from Noor.
            m.clock.advance(seconds: 10 * 60)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "page_moved").isEmpty)
            let elect = try await m.send(.POST, "/api/v1/pages/\(page)/elect", as: m.fx.engineerToken)
            #expect(elect.status == .conflict)
            #expect(try await m.ticket(n).assigneeID == night)
        }
    }

    @Test func aPageEndsWhenTheTicketLeavesTier2() async throws {
        try await withMend { m in
            let (n, page) = try await pagedTicket(m)
            try await m.escalateOut(n)
            let ended = try await self.page(m, page)
            #expect(ended["state"] as? String == "ended")
            #expect(try await m.events(n, kind: "page_ended").first?.summary.contains("left Tier 2") == true)
        }
    }

    @Test func electingEndsTheOtherOpenPagesOfTheTicket() async throws {
        try await withMend { m in
            let (n, page) = try await pagedTicket(m)
            let r = try await m.send(.POST, "/api/v1/pages/\(page)/elect", as: m.fx.engineerToken)
            #expect(r.status == .ok, "\(r.body.string)")
            let ticket = try await m.ticket(n)
            #expect(ticket.assigneeID == m.fx.engineer && ticket.source == "after_hours_on_call")
        }
    }

    @Test func theCSRsHandoffMessageDoesNotMeetTheResponseClockButTier2Does() async throws {
        try await withMend { m in
            m.clock.set(SlaClockTests.monday9)
            let (_, csrToken) = try await m.addStaff("Cara Csr", role: "csr")
            let n = try await m.openTicket(summary: "Email down", extra: TestMend.p1 + #","contactID":"\#(m.fx.contactA)""#)
            m.clock.advance(seconds: 60)
            let handoff = try await m.send(
                .PUT, "/api/v1/tickets/\(n)/handoff", as: csrToken,
                json: #"{"expectation":"Engineers are on it; next update in 30 minutes.","eta":"2026-12-31T16:00:00Z"}"#)
            #expect(handoff.status == .ok, "\(handoff.body.string)")
            #expect(try await !m.events(n, kind: "client_message").isEmpty, "the expectation mail went out")
            try await m.post(
                "/api/v1/tickets/\(n)/notes", #"{"body":"We have your ticket.","visibility":"onstage"}"#, as: csrToken)
            #expect(try await m.ticket(n).clock("response").state == "running", "neither the mail nor the CSR respond")
            m.clock.advance(seconds: 60)
            try await m.post("/api/v1/tickets/\(n)/notes", #"{"body":"Looking at the mail server now.","visibility":"onstage"}"#)
            let response = try await m.ticket(n).clock("response")
            #expect(response.state == "met")
        }
    }

    @Test func escalatingOutNeedsTheClientToldAndALoggedCallTellsThem() async throws {
        try await withMend { m in
            let n = try await workingTicket(m)
            try await m.post("/api/v1/tickets/\(n)/time-entries", #"{"minutes":20,"workType":"diagnosis"}"#)
            try await m.post(
                "/api/v1/tickets/\(n)/notes", #"{"body":"Carrier fault confirmed; passing it to them.","visibility":"onstage"}"#)
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken,
                json: #"{"to":"escalated_out","exitParty":"Carrier NOC","exitReference":"C-1"}"#)
            #expect(r.status == .unprocessableEntity)
            // The note before the exit was not about it, and a client-visible note is not the resolution note.
            #expect(r.problem?.gates?.map(\.gate) == ["client_informed", "resolution_note"])
            #expect(try await m.ticket(n).status == "in_progress")
            let client = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken,
                json: #"{"body":"Any news?","visibility":"onstage","call":"phone"}"#)
            #expect(client.status == .unprocessableEntity && client.problem?.field == "call")
            try await m.post(
                "/api/v1/tickets/\(n)/third-party",
                #"{"party":"Carrier NOC","reference":"C-1","escalated":"Line fault at the exchange"}"#)
            try await m.post(
                "/api/v1/tickets/\(n)/notes",
                #"{"body":"Told Dana the carrier has it, by phone.","visibility":"backstage","call":"phone"}"#)
            #expect(try await m.ticket(n).clientInformed)
            try await m.post(
                "/api/v1/tickets/\(n)/transitions", #"{"to":"escalated_out","resolutionNote":"The carrier repairs the line."}"#,
                expect: .ok)
            #expect(try await m.ticket(n).status == "escalated_out")
        }
    }

    @Test func theTicketPageSaysWhenThereIsNoClientContact() async throws {
        try await withMend { m in
            let n = try await workingTicket(m)
            let page = try await m.send(.GET, "/tickets/\(n)", as: m.fx.engineerToken)
            #expect(page.body.string.contains("id=\"no-contact\""))
            #expect(!page.body.string.contains("option value=\"restored\""))
            let withContact = try await m.openTicket(summary: "Printer", extra: #","contactID":"\#(m.fx.contactA)""#)
            let other = try await m.send(.GET, "/tickets/\(withContact)", as: m.fx.engineerToken)
            #expect(!other.body.string.contains("id=\"no-contact\""))
        }
    }

    @Test func clientActionsReachTheAssigneeOrTheManagersWhenNobodyHasTheTicket() async throws {
        try await withMend { m in
            let assigned = try await m.openTicket(
                summary: "Wi-Fi drops", extra: #","assigneeID":"\#(m.fx.engineer)","contactID":"\#(m.fx.contactA)""#)
            let loose = try await m.openTicket(summary: "Scanner", extra: #","contactID":"\#(m.fx.contactA)""#)
            for n in [assigned, loose] {
                let reply = try await m.send(
                    .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken,
                    json: #"{"body":"It happened again at 10.","visibility":"onstage"}"#)
                #expect(reply.status == .created, "\(reply.body.string)")
            }
            let engineer = try await m.notificationTitles(m.fx.engineerToken)
            #expect(engineer.contains { $0.hasPrefix("Client replied (portal): \(assigned)") })
            #expect(!engineer.contains { $0.contains(loose) })
            let manager = try await m.notificationTitles(m.fx.managerToken)
            #expect(manager.contains { $0.hasPrefix("Client replied (portal): \(loose)") })
            #expect(!manager.contains { $0.contains(assigned) })
        }
    }

    @Test func stillBrokenFromTheClientReachesTheAssignee() async throws {
        try await withMend { m in
            let n = try await m.openTicket(
                summary: "VPN", extra: #","assigneeID":"\#(m.fx.engineer)","contactID":"\#(m.fx.contactA)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"Tunnel up","result":"passed"}"#, expect: .ok)
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/confirmation", as: m.fx.clientAToken, json: #"{"works":false}"#)
            #expect(r.status == .ok, "\(r.body.string)")
            #expect(
                try await m.notificationTitles(m.fx.engineerToken).contains { $0.hasPrefix("Client says still broken: \(n)") })
        }
    }

    @Test func anAlertWithAnUnknownSiteIsTakenAndKeepsWhenTheIncidentStarted() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/alerts", as: m.fx.engineerToken,
                json:
                    #"{"source":"zabbix","fingerprint":"fw9","status":"firing","severity":"critical","company":"ACME","site":"Warehouse 9","summary":"Firewall down","details":"No ping","startsAt":"2026-11-18T08:20:00.500Z"}"#
            )
            #expect(r.status == .ok || r.status == .created, "\(r.body.string)")
            let found = try m.items(try await m.send(.GET, "/api/v1/tickets?q=Firewall", as: m.fx.engineerToken))
            let number = try #require(found.first?["number"] as? String)
            let ticket = try await m.ticket(number)
            #expect(ticket.description.contains("Warehouse 9") && ticket.description.contains("not a site"))
            let alert = try #require(found.first?["alert"] as? [String: Any])
            #expect(alert["startedAt"] as? String == "2026-11-18T08:20:00Z")
            #expect(try await m.events(number, kind: "fields_changed").contains { $0.summary.contains("Warehouse 9") })
            let page = try await m.send(.GET, "/tickets/\(number)", as: m.fx.engineerToken)
            #expect(page.body.string.contains("id=\"incident-started\""))
        }
    }
}
