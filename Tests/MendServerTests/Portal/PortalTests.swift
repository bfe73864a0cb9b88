import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The client portal: the emailed one-time sign-in link, and the survey answered while signed in.
@Suite struct PortalServerTests {
    let web = WebTests()

    /// The sign-in link mailed to `address`, from the outbox.
    func mailedToken(_ m: TestMend, to address: String) async throws -> String {
        let mails = try await OutboxModel.query(on: m.app.db).filter(\.$recipient == address).sort(\.$createdAt).all()
        let mail = try #require(mails.last)
        let text = String(decoding: QuotedPrintable.decode(Data(mail.payload.utf8)), as: UTF8.self)
        let link = try #require(text.range(of: "http://127.0.0.1:8080/login/link/"))
        return String(text[link.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test func aContactSignsInOnceByTheEmailedLinkAndSeesOnlyItsCompany() async throws {
        try await withMend { m in
            _ = try await m.openTicket(summary: "Acme printer jam")
            _ = try await m.openTicket(summary: "Beta VPN down", company: m.fx.companyB)
            let login = try await m.send(.GET, "/login")
            let cookie = try #require(login.headers.setCookie?["mend_session"]?.string)
            let csrf = try #require(WebTests.csrf(in: login.body.string))
            let asked = try await web.form(
                m, .POST, "/login/link", cookie: cookie, ["_csrf": csrf, "email": "Contact@ACME.example"])
            #expect(asked.status == .seeOther && asked.headers.first(name: .location) == "/login?link=sent")
            let sentPage = try await m.app.testing().sendRequest(
                .GET, "/login?link=sent", headers: ["Cookie": "mend_session=\(cookie)"])
            #expect(sentPage.body.string.contains("a sign-in link is on its way"))
            let bad = try await web.form(m, .POST, "/login/link", cookie: cookie, ["_csrf": csrf, "email": "dana@"])
            #expect(bad.status == .seeOther && bad.headers.first(name: .location) == "/login#error")
            let refusedPage = try await m.app.testing().sendRequest(.GET, "/login", headers: ["Cookie": "mend_session=\(cookie)"])
            #expect(
                refusedPage.body.string.contains("not an email address") && refusedPage.body.string.contains("value=\"dana@\""))
            let mail = try #require(
                try await OutboxModel.query(on: m.app.db).filter(\.$recipient == "contact@acme.example").first())
            #expect(
                mail.subject == "Your sign-in link for the \(m.app.mend.config.mspName) client portal" && mail.ticketID == nil)
            let token = try await mailedToken(m, to: "contact@acme.example")
            #expect(token.count >= 40)

            // Opening the link only shows a button: a mail scanner following it does not use it up.
            let shown = try await m.send(.GET, "/login/link/\(token)")
            #expect(shown.status == .ok && shown.body.string.contains("contact@acme.example"))
            let pageCookie = try #require(shown.headers.setCookie?["mend_session"]?.string)
            let pageCSRF = try #require(WebTests.csrf(in: shown.body.string))
            let signedIn = try await web.form(m, .POST, "/login/link/\(token)", cookie: pageCookie, ["_csrf": pageCSRF])
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/tickets")
            let session = WebTests.Session(
                cookie: try #require(signedIn.headers.setCookie?["mend_session"]?.string), csrf: pageCSRF)
            #expect(session.cookie != pageCookie)
            let queue = try await web.page(m, "/tickets", session).body.string
            #expect(queue.contains("Acme printer jam") && !queue.contains("Beta VPN down"))

            // Once only.
            let again = try await web.form(m, .POST, "/login/link/\(token)", cookie: pageCookie, ["_csrf": pageCSRF])
            #expect(again.status == .gone && again.body.string.contains("already been used"))
            #expect(try await m.send(.GET, "/login/link/not-a-token").status == .notFound)
        }
    }

    @Test func askingSaysTheSameForEveryAddressAndMailsOnlyContacts() async throws {
        try await withMend { m in
            let ok = try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"contact@acme.example"}"#)
            #expect(ok.status == .accepted)
            let unknown = try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"nobody@acme.example"}"#)
            let staff = try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"eli.engineer@test.example"}"#)
            #expect(unknown.status == .accepted && staff.status == .accepted)
            #expect(unknown.body.string == ok.body.string && staff.body.string == ok.body.string)
            #expect(try await OutboxModel.query(on: m.app.db).all().map(\.recipient) == ["contact@acme.example"])

            let (status, fields) = try await m.refused(.POST, "/api/v1/login-links", #"{"email":"not an address"}"#)
            #expect(status == .unprocessableEntity && fields == ["email"])
            let (blank, blankFields) = try await m.refused(.POST, "/api/v1/login-links", #"{}"#)
            #expect(blank == .unprocessableEntity && blankFields == ["email"])

            // A few per hour, then nothing more is sent (the answer stays the same).
            for _ in 1..<SignInLink.maxPerHour + 2 {
                #expect(
                    try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"contact@acme.example"}"#).status == .accepted
                )
            }
            #expect(try await SignInLinkModel.query(on: m.app.db).count() == SignInLink.maxPerHour)
            m.clock.advance(seconds: 3_601)
            #expect(
                try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"contact@acme.example"}"#).status == .accepted)
            #expect(try await SignInLinkModel.query(on: m.app.db).count() == SignInLink.maxPerHour + 1)
        }
    }

    @Test func aLinkExpiresAndADeactivatedLoginGetsNone() async throws {
        try await withMend { m in
            #expect(
                try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"contact@beta.example"}"#).status == .accepted)
            let token = try await mailedToken(m, to: "contact@beta.example")
            m.clock.advance(seconds: Double(SignInLink.lifetimeSeconds + 1))
            let late = try await m.send(.GET, "/login/link/\(token)")
            #expect(late.status == .gone && late.body.string.contains("expired"))

            // Bea's login is the contact's: switched off, no link is sent for the contact.
            let bea = try #require(try await UserModel.query(on: m.app.db).filter(\.$contactID == m.fx.contactB).first())
            bea.active = false
            try await bea.update(on: m.app.db)
            let before = try await OutboxModel.query(on: m.app.db).count()
            #expect(
                try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"contact@beta.example"}"#).status == .accepted)
            #expect(try await OutboxModel.query(on: m.app.db).count() == before)
        }
    }

    @Test func theClientAnswersTheSurveyInThePortalOnce() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"VPN up","result":"passed"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/verifications", #"{"channel":"phone","outcome":"confirmed"}"#)
            try await m.post("/api/v1/tickets/\(n)/time-entries", #"{"minutes":15,"workType":"remediation"}"#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"resolved","resolutionNote":"Re-keyed."}"#, expect: .ok)

            let open = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)/survey", as: m.fx.clientAToken))
            #expect(open["rating"] == nil)
            let (staff, _) = try await m.refused(.POST, "/api/v1/tickets/\(n)/survey", #"{"rating":5}"#, as: m.fx.engineerToken)
            #expect(staff == .forbidden)
            let (bad, fields) = try await m.refused(.POST, "/api/v1/tickets/\(n)/survey", #"{"rating":0}"#, as: m.fx.clientAToken)
            #expect(bad == .unprocessableEntity && fields == ["rating"])
            let answered = try await m.post(
                "/api/v1/tickets/\(n)/survey", #"{"rating":5,"comment":"Fixed before lunch"}"#, as: m.fx.clientAToken,
                expect: .ok)
            #expect(answered["rating"] as? Int == 5)
            let (twice, _) = try await m.refused(.POST, "/api/v1/tickets/\(n)/survey", #"{"rating":1}"#, as: m.fx.clientAToken)
            #expect(twice == .gone)
            let events = try await m.events(n, kind: "survey_answered")
            #expect(events.count == 1 && events[0].actorName == "Carl Client")
        }
    }

    @Test func aTicketWithoutASurveyHasNothingToAnswer() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let (status, _) = try await m.refused(.POST, "/api/v1/tickets/\(n)/survey", #"{"rating":4}"#, as: m.fx.clientAToken)
            #expect(status == .notFound)
        }
    }
}
