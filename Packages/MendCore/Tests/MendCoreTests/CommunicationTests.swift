import Foundation
import MendCore
import Testing

/// Client messages: templates that never send a blank, MIME that survives SMTP, retries that back off.
@Suite struct CommunicationTests {
    let values: [String: String] = [
        "msp.name": "Northwind IT", "msp.signature": "Northwind IT Service Desk", "ticket.number": "T-000123",
        "ticket.summary": "VPN <down>", "ticket.status": "In Progress", "ticket.priority": "P1", "contact.name": "Dana",
        "company.name": "Acme",
    ]

    @Test func everyShippedTemplateIsValidAndRendersWithItsFields() throws {
        for template in DefaultTemplates.all {
            let checked = try MessageTemplate(
                kind: template.kind, subject: template.subject, text: template.text, html: template.html)
            var all = values
            for field in template.kind.fields { all[field] = "value of \(field)" }
            let message = try checked.render(all)
            #expect(!message.text.contains("{{") && !message.html.contains("{{"), "\(template.kind)")
        }
    }

    @Test func aMissingFieldIsAnErrorNeverABlank() throws {
        let template = DefaultTemplates.template(.expectationsSet)
        var partial = values
        partial["handoff.expectation"] = "Back within two hours."
        #expect(throws: TemplateError(kind: .expectationsSet, missingFields: ["handoff.eta"])) {
            try template.render(partial)
        }
        partial["handoff.eta"] = "  "
        #expect(throws: TemplateError.self) { try template.render(partial) }
    }

    @Test func htmlPartsEscapeValuesAndUnknownFieldsAreRefused() throws {
        let template = try MessageTemplate(
            kind: .statusUpdate, subject: "Update {{ticket.number}}", text: "{{update.body}}", html: "<p>{{update.body}}</p>")
        var all = values
        all["update.body"] = "Tunnel <up> & stable\nnext update 14:00"
        let message = try template.render(all)
        #expect(message.html == "<p>Tunnel &lt;up&gt; &amp; stable<br>next update 14:00</p>")
        #expect(message.text == "Tunnel <up> & stable\nnext update 14:00")
        do {
            _ = try MessageTemplate(kind: .acknowledged, subject: "{{survey.url}}", text: "Hi {{contact.name", html: "x")
            Issue.record("unknown and unclosed fields are refused")
        } catch {
            #expect(error.problems.map(\.field) == ["subject", "text"])
        }
    }

    @Test func theMailIsValidMIMEWithATaggedSubjectAndThreadHeaders() {
        let mail = MailMessage(
            from: MailAddress("desk@northwind.example", name: "Northwind IT"),
            to: MailAddress("dana@acme.example", name: "Dana Müller"),
            subject: MailMessage.taggedSubject("Update: VPN – restored", ticket: "T-000123"),
            text: "Line one\n.starts with a dot\n" + String(repeating: "é", count: 60), html: "<p>Hi</p>",
            messageID: "m1@mend.northwind.example", threadRoot: "T-000123@mend.northwind.example",
            date: Date(timeIntervalSince1970: 1_795_000_000))
        let raw = mail.rfc5322(boundary: "b1")
        #expect(raw.contains("Subject: =?utf-8?B?"))
        #expect(raw.contains("To: =?utf-8?B?"))
        #expect(raw.contains("Message-ID: <m1@mend.northwind.example>\r\n"))
        #expect(raw.contains("In-Reply-To: <T-000123@mend.northwind.example>\r\n"))
        #expect(raw.contains("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"))
        #expect(raw.contains("\r\n=2Estarts with a dot"), "no line starts with a bare dot")
        for line in raw.components(separatedBy: "\r\n") { #expect(line.count <= 998) }
        let body = raw.components(separatedBy: "quoted-printable\r\n\r\n")[1]
        for line in body.components(separatedBy: "\r\n") where !line.hasPrefix("--") { #expect(line.count <= 76, "\(line)") }
        #expect(MailMessage.taggedSubject("[T-000123] Re: x", ticket: "T-000123") == "[T-000123] Re: x")
        let decoded = MIMEWords.encode("Dana Müller").dropFirst("=?utf-8?B?".count).dropLast(2)
        #expect(String(decoding: Data(base64Encoded: String(decoded))!, as: UTF8.self) == "Dana Müller")
    }

    @Test func retriesBackOffExponentiallyThenGiveUp() {
        let retry = OutboxRetry.standard
        let now = Date(timeIntervalSince1970: 0)
        let waits = (1...7).map { retry.nextAttempt(after: $0, failedAt: now)!.timeIntervalSince1970 }
        #expect(waits == [30, 60, 120, 240, 480, 960, 1920])
        #expect(retry.nextAttempt(after: 8, failedAt: now) == nil)
        let capped = OutboxRetry(baseSeconds: 30, maxSeconds: 100, maxAttempts: 20)
        #expect(capped.nextAttempt(after: 10, failedAt: now)!.timeIntervalSince1970 == 100)
    }
}

/// The satisfaction survey's rules.
@Suite struct SurveyTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aLinkWorksOnceAndUntilItExpires() {
        let expires = now.addingTimeInterval(Double(Survey.lifetimeSeconds))
        #expect(Survey.closedReason(expiresAt: expires, answeredAt: nil, now: now) == nil)
        #expect(Survey.closedReason(expiresAt: expires, answeredAt: now, now: now)?.contains("already") == true)
        #expect(
            Survey.closedReason(expiresAt: expires, answeredAt: nil, now: expires.addingTimeInterval(1))?.contains("expired")
                == true)
    }

    @Test func answersAreCheckedAndSummarised() throws {
        #expect(throws: ValidationError(field: "rating", "must be between 1 and 5")) { try Survey.check(rating: 6, comment: nil) }
        #expect(throws: ValidationError(field: "rating", "is required: 1 to 5")) { try Survey.check(rating: nil, comment: "x") }
        try Survey.check(rating: 5, comment: "Quick and clear")
        #expect(
            Survey.summary(sent: 4, ratings: [5, 4, 4])
                == SurveySummary(sent: 4, answered: 3, meanRating: 4.33, counts: [0, 0, 0, 2, 1]))
        #expect(Survey.summary(sent: 2, ratings: []).meanRating == nil)
    }
}
