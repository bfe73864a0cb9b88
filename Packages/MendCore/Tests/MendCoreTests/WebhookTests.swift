import Foundation
import MendCore
import Testing

/// Outbound webhooks: what a subscription accepts, what its payload says, how the signature header reads.
@Suite struct WebhookTests {
    @Test func aSubscriptionNeedsAnHTTPURLAndKnownKinds() throws {
        let ok = try WebhookSubscription(
            url: "https://hooks.example/mend", kinds: ["status_changed", "sla_breached"], description: "PSA sync",
            active: nil)
        #expect(ok.url.absoluteString == "https://hooks.example/mend")
        #expect(ok.kindsText == "sla_breached status_changed")
        #expect(ok.active)
        #expect(ok.wants("status_changed") && !ok.wants("note_added"))

        func fields(_ url: String?, _ kinds: [String]?) -> [String] {
            do {
                _ = try WebhookSubscription(url: url, kinds: kinds, description: nil, active: nil)
                return []
            } catch { return error.problems.map(\.field) }
        }
        #expect(fields("ftp://hooks.example/x", ["*"]) == ["url"])
        #expect(fields("/relative", ["*"]) == ["url"])
        #expect(fields("https://user:pw@hooks.example/", ["*"]) == ["url"])
        #expect(fields(nil, ["*"]) == ["url"])
        #expect(fields(" https://hooks.example/ ", ["*"]) == ["url"], "the document's pattern has no spaces either")
        #expect(fields("https://hooks.example/a b", ["*"]) == ["url"])
        #expect(fields("https://hooks.example/%zz", ["*"]) == ["url"])
        #expect(fields("https://hooks.example/", []) == ["events"])
        #expect(fields("https://hooks.example/", ["status_changed", "made_up"]) == ["events"])
    }

    @Test func theWildcardTakesEveryKindAndADisabledSubscriptionNone() throws {
        var all = try WebhookSubscription(
            url: "http://127.0.0.1:9000/", kinds: ["*", "status_changed"], description: nil, active: true)
        #expect(all.kindsText == "*")
        #expect(all.wants("survey_answered"))
        #expect(WebhookSubscription.wants(kindsText: "*", "anything_new"))
        #expect(!WebhookSubscription.wants(kindsText: "note_added status_changed", "sla_warning"))
        all.active = false
        #expect(!all.wants("status_changed"))
    }

    @Test func theSignatureHeaderRoundTripsAndVerifiesOnlyInTime() throws {
        let header = WebhookSignature(timestamp: 1_764_290_000, macs: ["ab12"])
        #expect(header.value == "t=1764290000,v1=ab12")
        let parsed = try #require(WebhookSignature(parsing: "t=1764290000, v1=AB12 ,v0=old"))
        #expect(parsed == WebhookSignature(timestamp: 1_764_290_000, macs: ["ab12"]))
        #expect(WebhookSignature(parsing: "v1=ab12") == nil)
        #expect(WebhookSignature(parsing: "t=1764290000") == nil)

        let now = Date(timeIntervalSince1970: 1_764_290_100)
        #expect(parsed.verifies(expected: "AB12", now: now))
        #expect(!parsed.verifies(expected: "ab13", now: now))
        #expect(!parsed.verifies(expected: "ab1", now: now))
        #expect(!parsed.verifies(expected: "ab12", now: now.addingTimeInterval(301)))
        #expect(
            WebhookSignature.signedContent(timestamp: 12, body: Array("{}".utf8)) == Array("12.{}".utf8))
    }

    @Test func thePayloadCarriesTheEventAndTicketWithSortedKeys() throws {
        let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!
        let payload = WebhookPayload(
            id: id, event: "status_changed", eventID: nil, occurredAt: Date(timeIntervalSince1970: 0),
            summary: "Status New → Assigned", visibility: "onstage", actor: "Sam",
            before: WebhookPayload.fields(#"{"status":"new"}"#), after: WebhookPayload.fields(#"{"n":3,"status":"assigned"}"#),
            ticket: nil)
        let body = payload.encoded()
        #expect(body.hasPrefix(#"{"actor":"Sam","after":{"n":"3","status":"assigned"},"before":{"status":"new"},"#))
        #expect(body.contains(#""occurredAt":"1970-01-01T00:00:00Z""#))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(WebhookPayload.self, from: Data(body.utf8)) == payload)
        #expect(WebhookPayload.fields("not json") == nil)
        #expect(WebhookPayload.fields(nil) == nil)
    }

    @Test func aSignInLinkWorksOnceAndNotLate() {
        let sent = Date(timeIntervalSince1970: 1_000)
        let expires = sent.addingTimeInterval(Double(SignInLink.lifetimeSeconds))
        #expect(SignInLink.closedReason(expiresAt: expires, usedAt: nil, now: sent) == nil)
        #expect(SignInLink.closedReason(expiresAt: expires, usedAt: sent, now: sent)?.contains("already been used") == true)
        #expect(
            SignInLink.closedReason(expiresAt: expires, usedAt: nil, now: expires.addingTimeInterval(1))?.contains("expired")
                == true)
        #expect(SignInLink.mayRequest(recent: SignInLink.maxPerHour - 1))
        #expect(!SignInLink.mayRequest(recent: SignInLink.maxPerHour))
    }

    @Test func theSignInMailEscapesItsHTMLAndNamesTheLink() {
        let mail = SignInLink.message(
            mspName: "Northwind <IT>", signature: "Desk\nNorthwind", contactName: "Dana & co",
            url: "https://mend.example/login/link/abc")
        #expect(mail.subject == "Your sign-in link for the Northwind <IT> client portal")
        #expect(mail.text.contains("https://mend.example/login/link/abc"))
        #expect(mail.html.contains("Northwind &lt;IT&gt;") && mail.html.contains("Dana &amp; co"))
        #expect(mail.html.contains("Desk<br>Northwind"))
    }
}
