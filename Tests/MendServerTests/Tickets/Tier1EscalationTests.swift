import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The Tier 1 entry path: a new ticket carrying Tier 1's troubleshooting as a backstage note.
@Suite struct Tier1EscalationTests {
    @Test func anEscalationCarriesTier1sWorkBackstageAndStartsTheClocksNow() async throws {
        try await withMend { m in
            let n = try await m.openTicket(
                summary: "Printer queue stuck",
                extra:
                    #","source":"phone","tier1":{"reference":"T1-4411","stepsTried":["Restarted the spooler","Cleared the queue"],"findings":"Driver crash in the event log","attachments":["https://files.example/evtx.zip"]}"#
            )
            let ticket = try await m.ticket(n)
            #expect(ticket.source == "tier1_escalation")
            let staffNotes = try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken).body.string
            #expect(staffNotes.contains("Restarted the spooler") && staffNotes.contains("T1-4411"))
            #expect(staffNotes.contains(#""visibility":"backstage""#))
            // The client never sees Tier 1's internal work.
            let clientNotes = try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken).body.string
            #expect(!clientNotes.contains("spooler"))
            let row = try #require(try await TicketModel.query(on: m.app.db).filter(\.$number == Int(n.dropFirst(2))!).first())
            #expect(row.slaStart == m.clock.now())
            #expect(try ticket.clock("response").state == "running", "a backstage handoff is not a response")
        }
    }

    @Test func badHandoffsAreRefusedNamingTheFieldAndCreateNothing() async throws {
        try await withMend { m in
            let before = try await TicketModel.query(on: m.app.db).count()
            let body =
                #"{"summary":"X","companyID":"\#(m.fx.companyA)","tier1":{"stepsTried":["ok",""],"attachments":["ftp://x/y"],"colour":"red"}}"#
            let unknown = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: body)
            #expect(unknown.status.code == 400 || unknown.status.code == 422)
            #expect(unknown.body.string.contains("tier1.colour"))
            let bad = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken,
                json:
                    #"{"summary":"X","companyID":"\#(m.fx.companyA)","tier1":{"stepsTried":["ok",""],"attachments":["ftp://x/y"]}}"#
            )
            #expect(bad.status == .unprocessableEntity)
            for field in ["tier1.stepsTried[1]", "tier1.attachments[0]"] { #expect(bad.body.string.contains(field), "\(field)") }
            let client = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.clientAToken, json: #"{"summary":"X","tier1":{"findings":"f"}}"#)
            #expect(client.status == .unprocessableEntity && client.body.string.contains("tier1"))
            #expect(try await TicketModel.query(on: m.app.db).count() == before)
        }
    }
}
