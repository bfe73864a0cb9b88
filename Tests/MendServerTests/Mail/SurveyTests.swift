import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The satisfaction survey: mailed on resolution with a one-time link, answered once, on the ticket and in the report.
@Suite struct SurveyServerTests {
    /// Sends a survey for a new ticket and gives it a link token the test knows (the mailed one is random).
    func surveyWithKnownToken(_ m: TestMend, _ token: String) async throws {
        _ = try await m.openTicket()
        let ticket = try #require(try await TicketModel.query(on: m.app.db).first())
        var events = EventRecorder(system: "test", at: m.clock.now())
        try await SurveyService(db: m.app.db, services: m.app.mend).send(for: ticket, events: &events)
        let row = try #require(try await SurveyModel.query(on: m.app.db).first())
        row.tokenHash = TokenService.hash(token)
        try await row.update(on: m.app.db)
    }

    @Test func aResolutionMailsASurveyAnsweredOnceThroughItsLink() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/restoration", #"{"test":"VPN up","result":"passed"}"#, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/verifications", #"{"channel":"phone","outcome":"confirmed"}"#)
            try await m.post("/api/v1/tickets/\(n)/time-entries", #"{"minutes":15,"workType":"remediation"}"#)
            try await m.post(
                "/api/v1/tickets/\(n)/transitions", #"{"to":"resolved","resolutionNote":"Re-keyed the tunnel."}"#, expect: .ok)
            let mails = try await OutboxModel.query(on: m.app.db).sort(\.$createdAt).all().compactMap(\.template)
            #expect(mails == ["acknowledged", "restored_verify", "resolved", "survey"])
            let survey = try #require(try await OutboxModel.query(on: m.app.db).filter(\.$template == "survey").first())
            let text = String(decoding: QuotedPrintable.decode(Data(survey.payload.utf8)), as: UTF8.self)
            let link = try #require(text.range(of: "http://127.0.0.1:8080/survey/"))
            let token = String(text[link.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(token.count >= 30)

            // No sign-in: the link's token is the key.
            let bad = try await m.send(.POST, "/api/v1/surveys/\(token)", json: #"{"rating":6}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("rating"))
            let unknown = try await m.send(.POST, "/api/v1/surveys/not-a-token", json: #"{"rating":4}"#)
            #expect(unknown.status == .notFound)
            let r = try await m.send(.POST, "/api/v1/surveys/\(token)", json: #"{"rating":4,"comment":"Quick, clear updates"}"#)
            #expect(r.status == .ok, "\(r.body.string)")
            let again = try await m.send(.POST, "/api/v1/surveys/\(token)", json: #"{"rating":1}"#)
            #expect(again.status == .gone)
            let stored = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)/survey", as: m.fx.engineerToken))
            #expect(stored["rating"] as? Int == 4 && stored["comment"] as? String == "Quick, clear updates")
            #expect(try await m.events(n, kind: "survey_answered").count == 1)
            m.clock.advance(seconds: 60)
            let report = try m.object(try await m.send(.GET, "/api/v1/reports/surveys", as: m.fx.managerToken))
            #expect(report["sent"] as? Int == 1 && report["answered"] as? Int == 1)
            #expect(report["counts"] as? [Int] == [0, 0, 0, 1, 0])

            let page = try await m.send(.GET, "/survey/\(token)")
            #expect(page.status == .gone && page.body.string.contains("already been answered"))
        }
    }

    @Test func anExpiredLinkIsClosed() async throws {
        try await withMend { m in
            try await surveyWithKnownToken(m, "known-token")
            m.clock.advance(seconds: Double(Survey.lifetimeSeconds + 1))
            let late = try await m.send(.POST, "/api/v1/surveys/known-token", json: #"{"rating":5}"#)
            #expect(late.status == .gone && late.body.string.contains("expired"))
        }
    }

    @Test func theSurveyPageTakesOneAnswerWithoutSignIn() async throws {
        try await withMend { m in
            try await surveyWithKnownToken(m, "page-token")
            let page = try await m.send(.GET, "/survey/page-token")
            #expect(page.status == .ok && page.body.string.contains("How did we do?"))
            let cookie = try #require(page.headers.setCookie?["mend_session"]?.string)
            let csrf = try #require(WebTests.csrf(in: page.body.string))
            let web = WebTests()
            let missing = try await web.form(m, .POST, "/survey/page-token", cookie: cookie, ["_csrf": csrf])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("rating"))
            let sent = try await web.form(
                m, .POST, "/survey/page-token", cookie: cookie, ["_csrf": csrf, "rating": "5", "comment": "Great"])
            #expect(sent.status == .ok && sent.body.string.contains("Thank you"))
            #expect(try await SurveyModel.query(on: m.app.db).first()?.rating == 5)
        }
    }
}
