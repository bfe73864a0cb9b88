import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The staff web UI at the HTTP level: sign-in, CSRF, escaping, forms. Browser tests cover the same in Chromium.
@Suite("Web UI", .serialized) struct WebTests {
    /// A signed-in browser session: its cookie and CSRF token.
    struct Session {
        var cookie: String
        var csrf: String
    }

    func signIn(_ m: TestMend, email: String = "eli.engineer@test.example") async throws -> Session {
        let user = try await UserModel.query(on: m.app.db).filter(\.$email == email).first()!
        user.passwordHash = try await PasswordHasher.hash("correct-horse-battery")
        try await user.update(on: m.app.db)
        let page = try await m.send(.GET, "/login")
        let cookie = try #require(page.headers.setCookie?["mend_session"]?.string)
        let csrf = try #require(Self.csrf(in: page.body.string))
        let login = try await form(
            m, .POST, "/login", cookie: cookie,
            ["_csrf": csrf, "email": user.email, "password": "correct-horse-battery", "next": "/tickets"])
        #expect(login.status == .seeOther)
        let fresh = try #require(login.headers.setCookie?["mend_session"]?.string)
        #expect(fresh != cookie, "sign-in must issue a fresh session id")
        return Session(cookie: fresh, csrf: csrf)
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    func form(_ m: TestMend, _ method: HTTPMethod, _ path: String, cookie: String?, _ fields: [String: String]) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if let cookie { headers.add(name: .cookie, value: "mend_session=\(cookie)") }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(
            separator: "&")
        return try await m.app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    func page(_ m: TestMend, _ path: String, _ session: Session) async throws -> TestingHTTPResponse {
        try await m.app.testing().sendRequest(.GET, path, headers: ["Cookie": "mend_session=\(session.cookie)"])
    }

    @Test func signedOutPagesRedirectToLogin() async throws {
        try await withMend { m in
            let r = try await m.send(.GET, "/tickets")
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func wrongPasswordIsRefused() async throws {
        try await withMend { m in
            let page = try await m.send(.GET, "/login")
            let cookie = page.headers.setCookie?["mend_session"]?.string
            let r = try await form(
                m, .POST, "/login", cookie: cookie,
                ["_csrf": Self.csrf(in: page.body.string)!, "email": "eli.engineer@test.example", "password": "nope"])
            #expect(r.status == .unauthorized)
            #expect(r.body.string.contains("do not match"))
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withMend { m in
            let session = try await signIn(m)
            let n = try await m.openTicket()
            let forged = try await form(
                m, .POST, "/tickets/\(n)/notes", cookie: session.cookie, ["body": "forged", "visibility": "onstage"])
            #expect(forged.status == .forbidden)
            let notes = try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken)
            #expect(!notes.body.string.contains("forged"))
            let api = try await m.app.testing().sendRequest(
                .POST, "/api/v1/tickets/\(n)/notes",
                headers: ["Cookie": "mend_session=\(session.cookie)", "Content-Type": "application/json"],
                body: ByteBuffer(string: #"{"body":"forged","visibility":"onstage"}"#))
            #expect(api.status == .forbidden, "cookie-authenticated API writes need X-CSRF-Token")
        }
    }

    @Test func notesAreEscaped() async throws {
        try await withMend { m in
            let session = try await signIn(m)
            let n = try await m.openTicket(summary: "<b>bold</b> summary")
            let r = try await form(
                m, .POST, "/tickets/\(n)/notes", cookie: session.cookie,
                ["_csrf": session.csrf, "body": "<script>alert('x')</script>", "visibility": "backstage"])
            #expect(r.status == .seeOther)
            let html = try await page(m, "/tickets/\(n)", session).body.string
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; summary"))
        }
    }

    @Test func createAssignTransitionAndRefusalsExplained() async throws {
        try await withMend { m in
            let session = try await signIn(m)
            let created = try await form(
                m, .POST, "/tickets", cookie: session.cookie,
                [
                    "_csrf": session.csrf, "summary": "Switch stack rebooting", "companyID": m.fx.companyA.uuidString,
                    "impact": "high", "urgency": "medium", "source": "phone",
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            #expect(location == "/tickets/T-000001")
            let assign = try await form(
                m, .POST, "\(location)/assign", cookie: session.cookie,
                ["_csrf": session.csrf, "assigneeID": m.fx.engineer.uuidString])
            #expect(assign.status == .seeOther)
            let refused = try await refusal(
                m, "\(location)/transition", session, ["_form": "transition", "to": "closed"], backTo: location)
            #expect(refused.contains("cannot move from Assigned to Closed"))
            try await form(
                m, .POST, "\(location)/transition", cookie: session.cookie, ["_csrf": session.csrf, "to": "in_progress"])
            try await form(
                m, .POST, "\(location)/restoration", cookie: session.cookie,
                ["_csrf": session.csrf, "test": "Stack stable for 30 min", "result": "passed"])
            let html = try await refusal(
                m, "\(location)/transition", session, ["_form": "transition", "to": "resolved"], backTo: location)
            #expect(html.contains("Verification has not been attempted"))
            #expect(html.contains("href=\"#verification\""))
            #expect(html.contains("No time has been entered"))
            #expect(try await m.ticket("T-000001").status == "restored")
            let badMinutes = try await refusal(
                m, "\(location)/time", session, ["_form": "time", "minutes": "lots", "workType": "testing"], backTo: location)
            #expect(badMinutes.contains("minutes must be a whole number"))
        }
    }

    /// Posts a form that must be refused: the browser is sent back to `page`, which shows the problem once.
    func refusal(_ m: TestMend, _ path: String, _ session: Session, _ fields: [String: String], backTo page: String)
        async throws -> String
    {
        let refused = try await form(
            m, .POST, path, cookie: session.cookie, fields.merging(["_csrf": session.csrf]) { a, _ in a })
        #expect(refused.status == .seeOther, "\(refused.body.string)")
        #expect(refused.headers.first(name: .location) == page + "#error")
        return try await self.page(m, page, session).body.string
    }

    @Test func queueViewShowsCountsAndFilters() async throws {
        try await withMend { m in
            let session = try await signIn(m)
            _ = try await m.openTicket(summary: "Alpha outage")
            _ = try await m.openTicket(summary: "Beta outage", company: m.fx.companyB)
            let all = try await page(m, "/tickets", session).body.string
            #expect(all.contains("Alpha outage") && all.contains("Beta outage"))
            #expect(all.contains("New <b>2</b>"))
            let filtered = try await page(m, "/tickets?company=\(m.fx.companyB)", session).body.string
            #expect(filtered.contains("Beta outage") && !filtered.contains("Alpha outage"))
            let bad = try await page(m, "/tickets?status=bogus", session)
            #expect(bad.status == .unprocessableEntity)
        }
    }

    @Test func aClientContactUsesTheSamePagesScopedToItsCompany() async throws {
        try await withMend { m in
            let other = try await m.openTicket(summary: "Beta internal outage", company: m.fx.companyB)
            let session = try await signIn(m, email: "carl.client@test.example")
            let form = try await page(m, "/tickets/new", session).body.string
            #expect(form.contains("Acme Corp Contact"))
            #expect(!form.contains("Beta"), "a client never sees another company's names")
            #expect(!form.contains("name=\"assigneeID\""), "clients do not assign")
            let created = try await self.form(
                m, .POST, "/tickets", cookie: session.cookie,
                [
                    "_csrf": session.csrf, "summary": "Our printer is down", "companyID": m.fx.companyA.uuidString,
                    "impact": "low", "urgency": "medium",
                ])
            #expect(created.status == .seeOther, "\(created.body.string)")
            let ticket = try await m.ticket("T-000002")
            #expect(ticket.source == "portal")
            #expect(ticket.companyID == m.fx.companyA)
            let denied = try await page(m, "/tickets/\(other)", session)
            #expect(denied.status == .notFound)
            #expect(!denied.body.string.contains("Beta internal outage"))
            let queue = try await page(m, "/tickets", session).body.string
            #expect(queue.contains("Our printer is down") && !queue.contains("Beta internal outage"))
        }
    }
}
