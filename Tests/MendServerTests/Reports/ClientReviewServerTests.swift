import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The monthly client service review: its figures, who reads it, mailing it and its monthly schedule (docs/kpis.md).
@Suite struct ClientReviewServerTests {
    let kpis = KpiServerTests()
    /// 2026-12-02 10:00 UTC: November has ended.
    static let december = Date(timeIntervalSince1970: 1_796_205_600)

    func review(_ m: TestMend, company: UUID, month: String = "2026-11", as token: String) async throws
        -> TestingHTTPResponse
    {
        try await m.send(.GET, "/api/v1/companies/\(company)/reviews/\(month)", as: token)
    }

    @Test func theReviewIsTheMonthsKpisForTheClientWithItsTicketsAndBreaches() async throws {
        try await withMend { m in
            let n = try await kpis.resolvedTicket(m)
            _ = try await m.openTicket(summary: "Another client's printer", company: m.fx.companyB)
            m.clock.set(Self.december)
            let answer = try await review(m, company: m.fx.companyA, as: m.fx.managerToken)
            #expect(answer.status == .ok, "\(answer.body.string)")
            let body = try m.object(answer)
            let report = try m.object(
                try await m.send(
                    .GET, "/api/v1/kpis?\(KpiServerTests.november)&company=\(m.fx.companyA)", as: m.fx.managerToken))
            // The review's KPIs are the API's, for that company and month, to the last member.
            let reviewKpis = try #require(body["kpis"] as? [String: Any])
            let reportKpis = try #require(report["kpis"] as? [String: Any])
            #expect(NSDictionary(dictionary: reviewKpis).isEqual(to: reportKpis))
            let tickets = try #require(body["tickets"] as? [[String: Any]])
            #expect(tickets.map { $0["number"] as? String } == [n], "company B's ticket is not in A's review")
            #expect((tickets.first?["sla"] as? [String: String])?["response"] == "breached")
            let breaches = try #require(body["breaches"] as? [[String: Any]])
            #expect(breaches.map { $0["clock"] as? String } == ["response"])
            #expect(breaches.first?["statusAtBreach"] as? String == "assigned")
            let trend = try #require(body["trend"] as? [[String: Any]])
            #expect(trend.map { $0["month"] as? String } == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
            #expect(trend.last?["resolved"] as? Int == 1 && trend.first?["resolved"] as? Int == 0)
            let page = try await m.send(.GET, "/reports/clients/\(m.fx.companyA)?month=2026-11", as: m.fx.managerToken)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Acme Corp") && html.contains("November 2026") && html.contains(n))
            #expect(html.contains("6 h 10 min"), "the resolution time, as the reports page shows it")
            #expect(html.contains("id=\"review-trend-sla-title\"") && html.contains("id=\"review-status\""))
            #expect(html.contains("id=\"mail-review-button\""))
            #expect(!html.contains("Eli Engineer"), "no engineer's name in a client's review")
        }
    }

    @Test func clientsReadTheirOwnReviewAndNothingElse() async throws {
        try await withMend { m in
            _ = try await kpis.resolvedTicket(m)
            m.clock.set(Self.december)
            #expect(try await review(m, company: m.fx.companyA, as: m.fx.clientAToken).status == .ok)
            #expect(try await review(m, company: m.fx.companyB, as: m.fx.clientAToken).status == .notFound)
            #expect(try await review(m, company: UUID(), as: m.fx.managerToken).status == .notFound)
            #expect(try await review(m, company: m.fx.companyA, as: m.fx.engineerToken).status == .forbidden)
            let own = try await m.send(.GET, "/reports/clients/\(m.fx.companyA)?month=2026-11", as: m.fx.clientAToken)
            #expect(own.status == .ok && own.body.string.contains("Acme Corp"))
            #expect(!own.body.string.contains("mail-review") && !own.body.string.contains("review-delivery"))
            let other = try await m.send(.GET, "/reports/clients/\(m.fx.companyB)", as: m.fx.clientAToken)
            #expect(other.status == .notFound)
            let index = try await m.send(.GET, "/reports/clients", as: m.fx.clientAToken)
            #expect(index.status == .seeOther && index.headers.first(name: .location) == "/reports/clients/\(m.fx.companyA)")
            let mail = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyA)/reviews/2026-11/mail", as: m.fx.clientAToken)
            #expect(mail.status == .notFound)
            for month in ["2026-13", "26-11", "2027-01"] {
                let bad = try await review(m, company: m.fx.companyA, month: month, as: m.fx.managerToken)
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("month"), "\(month)")
            }
        }
    }

    @Test func mailingPutsOneMessagePerContactInTheOutboxAndRecordsIt() async throws {
        try await withMend { m in
            _ = try await kpis.resolvedTicket(m)
            for (name, email) in [("Olga Ops", "olga@acme.example"), ("No Mail", nil), ("Twice", "CONTACT@acme.example")] {
                let contact = ContactModel()
                contact.companyID = m.fx.companyA
                contact.name = name
                contact.email = email
                try await contact.create(on: m.app.db)
            }
            let early = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyA)/reviews/2026-11/mail", as: m.fx.managerToken)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("still running"))
            m.clock.set(Self.december)
            let sent = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyA)/reviews/2026-11/mail", as: m.fx.managerToken)
            #expect(sent.status == .accepted, "\(sent.body.string)")
            #expect(try m.object(sent)["recipients"] as? [String] == ["contact@acme.example", "olga@acme.example"])
            let rows = try await OutboxModel.query(on: m.app.db).filter(\.$template == "service_review").all()
            #expect(Set(rows.map(\.recipient)) == ["contact@acme.example", "olga@acme.example"])
            #expect(rows.allSatisfy { $0.subject == "Your service review for November 2026 from Mend MSP" })
            // Quoted-printable: soft line breaks joined, "=3D" read as "=".
            let texts = rows.map {
                $0.payload.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
            }
            #expect(texts.allSatisfy { $0.contains("/reports/clients/\(m.fx.companyA.uuidString)?month=2026-11") })
            #expect(texts.allSatisfy { $0.contains("Resolution SLA met") && $0.contains("Tickets resolved:") })
            let record = try #require(try await ClientReviewModel.query(on: m.app.db).first())
            #expect(record.sentBy == m.fx.manager && record.recipients == 2 && record.month == "2026-11")
            let again = try m.object(try await review(m, company: m.fx.companyA, as: m.fx.clientAToken))
            #expect((again["deliveries"] as? [[String: Any]])?.first?["scheduled"] as? Bool == false)
            // Company B has one contact with an address; a company with none is told so.
            try await ContactModel.query(on: m.app.db).filter(\.$companyID == m.fx.companyB).set(\.$email, to: nil).update()
            let nobody = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyB)/reviews/2026-11/mail", as: m.fx.managerToken)
            #expect(nobody.status == .unprocessableEntity && nobody.body.string.contains("no contact with an email"))
        }
    }

    @Test func theMonthlyReviewGoesOutOnceAtTheFirstWorkingMoment() async throws {
        try await withMend { m in
            _ = try await kpis.resolvedTicket(m)
            let path = "/api/v1/companies/\(m.fx.companyA)/review-delivery"
            #expect(try await m.send(.PUT, path, as: m.fx.managerToken, json: #"{"delivery":"monthly"}"#).status == .forbidden)
            let bad = try await m.send(.PUT, path, as: m.fx.adminToken, json: #"{"delivery":"weekly"}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("delivery"))
            let set = try await m.send(.PUT, path, as: m.fx.adminToken, json: #"{"delivery":"monthly"}"#)
            let company = try m.object(set)
            #expect(set.status == .ok && company["reviewDelivery"] as? String == "monthly")
            let scheduler = ClientReviewScheduler(db: m.app.db, services: m.app.mend)
            func mails() async throws -> Int {
                try await OutboxModel.query(on: m.app.db).filter(\.$template == "service_review").count()
            }
            // Company A's 8x5 contract opens at 08:00 New York: 13:00 UTC on Tuesday 2026-12-01.
            #expect(try await scheduler.tick(now: Date(timeIntervalSince1970: 1_796_129_940)) == 0)  // 12:59 UTC
            #expect(try await mails() == 0)
            #expect(try await scheduler.tick(now: Date(timeIntervalSince1970: 1_796_130_000)) == 1)  // 13:00 UTC
            #expect(try await scheduler.tick(now: Date(timeIntervalSince1970: 1_796_133_600)) == 0)
            #expect(try await mails() == 1, "once per month, and company B (on demand) gets none")
            let record = try #require(try await ClientReviewModel.query(on: m.app.db).first())
            #expect(record.sentBy == nil && record.month == "2026-11")
            // Someone may still send it again by hand.
            m.clock.set(Self.december)
            let more = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyA)/reviews/2026-11/mail", as: m.fx.adminToken)
            let count = try await mails()
            #expect(more.status == .accepted && count == 2)
        }
    }
}
