import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// 04c.05 and 04c.06: SME consults with their own target and outcome; vendors, their cases and follow-ups.
@Suite struct ConsultAndVendorTests {
    @Test func aConsultReachesTheSmeAndATakeoverHandsThemTheTicket() async throws {
        try await withMend { m in
            let (smeID, smeToken) = try await m.addStaff("Sid Expert", role: "sme")
            let n = try await m.openTicket()
            let (both, fields) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/consults",
                #"{"question":"BGP?","toUserID":"\#(smeID)","toQueueID":"\#(m.fx.nocQueue)"}"#)
            #expect(both == .unprocessableEntity && fields == ["toUserID"])
            let consult = try await m.post(
                "/api/v1/tickets/\(n)/consults",
                #"{"question":"Is the BGP flap ours?","toUserID":"\#(smeID)","urgency":"urgent"}"#)
            #expect(try await m.ticket(n).status == "with_sme")
            #expect(consult["respondBy"] as? String == UTCText.format(m.clock.now().addingTimeInterval(1_800)))
            #expect(try await m.notificationTitles(smeToken).contains { $0.contains("asks for your expertise") })
            m.clock.advance(seconds: 31 * 60)
            let listed = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/consults", as: m.fx.engineerToken))
            #expect(listed.first?["overdue"] as? Bool == true)

            let id = try #require(consult["id"] as? String)
            let (noAnswer, answerFields) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/consults/\(id)/answer", #"{"outcome":"advice_given"}"#, as: smeToken)
            #expect(noAnswer == .unprocessableEntity && answerFields == ["answer"])
            let answered = try await m.post(
                "/api/v1/tickets/\(n)/consults/\(id)/answer",
                #"{"answer":"Upstream route leak; I will take it.","outcome":"sme_took_over"}"#,
                as: smeToken, expect: .ok)
            #expect(answered["outcome"] as? String == "sme_took_over")
            let ticket = try await m.ticket(n)
            #expect(ticket.assigneeID == smeID && ticket.status == "in_progress")
            let notes = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken))
            #expect(
                notes.contains {
                    ($0["body"] as? String)?.contains("Upstream route leak") == true && $0["visibility"] as? String == "backstage"
                })
            let clientNotes = try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken)
            #expect(!clientNotes.body.string.contains("Upstream route leak"), "the answer is backstage")
            let (again, _) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/consults/\(id)/answer", #"{"answer":"x","outcome":"declined"}"#, as: smeToken)
            #expect(again == .conflict)
        }
    }

    @Test func vendorCasesWaitOnTheVendorAndAreFollowedUpOnce() async throws {
        try await withMend { m in
            let (bad, fields) = try await m.refused(
                .POST, "/api/v1/vendors", #"{"name":"Fortinet","supportEmail":"nope","portalURL":"ftp://x"}"#, as: m.fx.adminToken
            )
            #expect(bad == .unprocessableEntity && fields == ["supportEmail", "portalURL"])
            let (forbidden, _) = try await m.refused(.POST, "/api/v1/vendors", #"{"name":"Fortinet"}"#)
            #expect(forbidden == .forbidden, "an engineer cannot edit the directory")
            let vendor = try await m.post(
                "/api/v1/vendors",
                #"{"name":"Fortinet","supportPhone":"+1 866 648 4638","portalURL":"https://support.fortinet.example"}"#,
                as: m.fx.adminToken)
            let vendorID = try #require(vendor["id"] as? String)
            let withContract = try await m.post(
                "/api/v1/vendors/\(vendorID)/contracts", #"{"companyID":"\#(m.fx.companyA)","contractNumber":"FTNT-4100"}"#,
                as: m.fx.adminToken, expect: .ok)
            #expect((withContract["contracts"] as? [[String: Any]])?.first?["contractNumber"] as? String == "FTNT-4100")

            let n = try await m.openTicket()
            try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.engineerToken, json: #"{"assigneeID":"\#(m.fx.engineer)"}"#)
            let opened = try await m.post(
                "/api/v1/tickets/\(n)/vendor-cases",
                #"{"vendorID":"\#(vendorID)","caseNumber":"FN-1","severity":"sev2","followUpHours":2}"#)
            #expect(opened["contractNumber"] as? String == "FTNT-4100", "the client's contract comes with the case")
            #expect(try await m.ticket(n).status == "waiting_on_vendor")

            m.clock.advance(seconds: 3_600)
            #expect(try await m.followUpTick() == 0)
            m.clock.advance(seconds: 3_600)
            #expect(try await m.followUpTick() == 1)
            #expect(try await m.followUpTick() == 0, "each due follow-up fires once")
            #expect(try await m.events(n, kind: "follow_up_due").count == 1)
            #expect(try await m.notificationTitles(m.fx.engineerToken).contains { $0.contains("follow-up due") })

            let id = try #require(opened["id"] as? String)
            try await m.post(
                "/api/v1/tickets/\(n)/vendor-cases/\(id)", #"{"state":"vendor_resolved","note":"Firmware 7.2.8 fixes it"}"#,
                method: .PATCH, expect: .ok)
            #expect(try await m.ticket(n).status == "in_progress")
            m.clock.advance(seconds: 3 * 3_600)
            #expect(try await m.followUpTick() == 0, "a resolved case is not chased")

            // A vendor case on a ticket that left Tier 2 is refused.
            let closed = try await m.openTicket(summary: "Handed to client IT")
            try await m.post("/api/v1/tickets/\(closed)/verifications", #"{"channel":"phone","outcome":"confirmed"}"#)
            try await m.post("/api/v1/tickets/\(closed)/time-entries", #"{"minutes":10,"workType":"communication"}"#)
            try await m.post(
                "/api/v1/tickets/\(closed)/notes", #"{"body":"Their IT owns the fix.","visibility":"onstage"}"#)
            try await m.post(
                "/api/v1/tickets/\(closed)/transitions",
                #"{"to":"handed_off","exitParty":"Client IT","resolutionNote":"Handed to your IT team."}"#, expect: .ok)
            let (refused, _) = try await m.refused(
                .POST, "/api/v1/tickets/\(closed)/vendor-cases",
                #"{"vendorID":"\#(vendorID)","caseNumber":"X","severity":"sev3"}"#)
            #expect(refused == .conflict)
        }
    }
}
