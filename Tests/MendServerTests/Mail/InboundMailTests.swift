import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// POST /api/v1/mail/inbound on both databases: filed, opened, quarantined, ignored, once per Message-ID.
@Suite struct InboundMailTests {
    func deliver(_ m: TestMend, _ raw: String, token: String? = nil) async throws -> (HTTPStatus, [String: Any]) {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "message", subType: "rfc822")
        headers.replaceOrAdd(name: .authorization, value: "Bearer \(token ?? m.fx.engineerToken)")
        let r = try await m.app.testing().sendRequest(
            .POST, "/api/v1/mail/inbound", headers: headers, body: ByteBuffer(string: raw))
        return (r.status, (try? m.object(r)) ?? [:])
    }

    @Test func mailIsFiledOpenedQuarantinedOrIgnoredAndNeverTwice() async throws {
        try await withMend { m in
            let new =
                "From: Acme Corp Contact <CONTACT@acme.example>\r\nSubject: Printer offline\r\nMessage-ID: <a1@mail.example>\r\n\r\nThe printer is offline.\r\n"
            let (created, opened) = try await deliver(m, new)
            #expect(created == .created && opened["outcome"] as? String == "created")
            let n = try #require(opened["ticket"] as? String)
            let ticket = try await m.ticket(n)
            #expect(ticket.source == "email" && ticket.companyID == m.fx.companyA)

            let reply =
                "From: contact@acme.example\r\nSubject: Re: [\(n)] Printer offline\r\nMessage-ID: <a2@mail.example>\r\n\r\nStill offline.\r\n\r\nOn Friday Northwind wrote:\r\n> old\r\n"
            let (_, filed) = try await deliver(m, reply)
            #expect(filed["outcome"] as? String == "delivered" && filed["ticket"] as? String == n)
            let notes = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken))
            #expect(notes.last?["body"] as? String == "Still offline." && notes.last?["visibility"] as? String == "onstage")
            let (_, again) = try await deliver(m, reply)
            #expect(again["outcome"] as? String == "duplicate")
            #expect(
                try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken)).count == notes.count)

            // A client of another company replying on this ticket is not filed on it.
            let (_, other) = try await deliver(
                m,
                "From: contact@beta.example\r\nSubject: Re: [\(n)] Printer\r\nMessage-ID: <b1@mail.example>\r\n\r\nMine too\r\n")
            #expect(other["outcome"] as? String == "quarantined")

            let (_, robot) = try await deliver(
                m, "From: contact@acme.example\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nAway\r\n")
            #expect(robot["outcome"] as? String == "ignored")

            let (_, stranger) = try await deliver(
                m, "From: Jo <jo@acme.example>\r\nSubject: New starter\r\nMessage-ID: <c1@mail.example>\r\n\r\nHello\r\n")
            #expect(stranger["outcome"] as? String == "quarantined")
            let id = try #require(stranger["id"] as? String)
            let (noCompany, fields) = try await m.refused(.POST, "/api/v1/mail/inbound/\(id)/accept", "{}")
            #expect(noCompany == .unprocessableEntity && fields == ["companyID"])
            let accepted = try await m.post(
                "/api/v1/mail/inbound/\(id)/accept", #"{"companyID":"\#(m.fx.companyA)"}"#, expect: .ok)
            #expect(accepted["outcome"] as? String == "created")
            let (twice, _) = try await m.refused(.POST, "/api/v1/mail/inbound/\(id)/discard", nil)
            #expect(twice == .conflict, "an accepted message is no longer in quarantine")

            let (clientRefused, _) = try await deliver(m, new, token: m.fx.clientAToken)
            #expect(clientRefused == .notFound, "only staff tokens deliver mail")
            let log = try m.items(try await m.send(.GET, "/api/v1/mail/inbound", as: m.fx.engineerToken))
            #expect(log.count == 5)
        }
    }
}
