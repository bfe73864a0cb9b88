import Foundation
import MendCore
import Testing

/// Reading replies as mail clients send them: MIME, encodings, charsets, threading, quoted history, robots.
@Suite struct InboundMailTests {
    func parse(_ text: String) throws -> InboundMail { try InboundMail.parse(Data(text.utf8)) }

    @Test func aGmailReplyIsThreadedDecodedAndStrippedOfHistory() throws {
        let mail = try parse(
            """
            From: =?UTF-8?Q?Dana_M=C3=BCller?= <Dana@Acme.example>\r
            Subject: Re: [T-000123] Update: VPN down\r
            Message-ID: <CAB123@mail.gmail.com>\r
            In-Reply-To: <9f1c@msp.example>\r
            References: <T-000123@msp.example>\r
             <9f1c@msp.example>\r
            Content-Type: multipart/alternative; boundary="000000000000abc"\r
            \r
            --000000000000abc\r
            Content-Type: text/plain; charset="UTF-8"\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            It works again, thanks! Caf=C3=A9 is online.\r
            \r
            On Fri, Nov 27, 2026 at 3:05 PM Northwind IT <desk@msp.example>\r
            wrote:\r
            > We have restored service.\r
            --000000000000abc\r
            Content-Type: text/html; charset="UTF-8"\r
            \r
            <div>It works again</div>\r
            --000000000000abc--\r
            """)
        #expect(mail.from == MailAddress("dana@acme.example", name: "Dana Müller"))
        #expect(mail.subjectTicket == "T-000123")
        #expect(mail.referencedTickets == ["T-000123"])
        #expect(mail.references == ["9f1c@msp.example", "T-000123@msp.example", "9f1c@msp.example"])
        #expect(mail.messageID == "CAB123@mail.gmail.com")
        #expect(QuotedHistory.strip(mail.body) == "It works again, thanks! Café is online.")
        #expect(mail.automatic == nil)
    }

    @Test func anOutlookReplyInHTMLWithAnAttachmentAndLatin1() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3]).base64EncodedString()
        let mail = try parse(
            """
            From: "Whitfield, Dana" <dana@harbor.example>\r
            Subject: =?iso-8859-1?Q?RE:_[T-000042]_Still_broken_=E9?=\r
            Content-Type: multipart/mixed; boundary="_004_"\r
            \r
            --_004_\r
            Content-Type: multipart/alternative; boundary="_000_"\r
            \r
            --_000_\r
            Content-Type: text/html; charset="iso-8859-1"\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            <html><head><style>p{}</style></head><body><p>Still broken on the caf=E9 PC.</p><p>Dana</p>\r
            <div><b>From:</b> Northwind IT<br><b>Sent:</b> Friday<br>Old text</div></body></html>\r
            --_000_--\r
            --_004_\r
            Content-Type: image/png; name="screen.png"\r
            Content-Disposition: attachment; filename="screen.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(png)\r
            --_004_--\r
            """)
        #expect(mail.from.name == "Whitfield, Dana")
        #expect(mail.subject == "RE: [T-000042] Still broken é")
        #expect(mail.subjectTicket == "T-000042")
        #expect(QuotedHistory.strip(mail.body) == "Still broken on the café PC.\nDana")
        #expect(mail.attachments.map(\.filename) == ["screen.png"])
        #expect(mail.attachments.first?.data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func appleMailPlainTextAndFlowedQuotes() throws {
        let mail = try parse(
            "From: Sam Rivera <sam@cedar.example>\nSubject: Printer on floor 2\nContent-Type: text/plain; charset=us-ascii\n\n"
                + "The printer jams again.\n\n> On 27 Nov 2026, at 10:00, Northwind IT wrote:\n> old\n")
        #expect(mail.subjectTicket == nil && mail.referencedTickets.isEmpty)
        #expect(QuotedHistory.strip(mail.body) == "The printer jams again.")
    }

    @Test func robotsAreRecognisedAndBrokenMailIsRefusedWithAReason() throws {
        let vacation = try parse("From: dana@acme.example\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nAway")
        #expect(vacation.automatic == "Auto-Submitted: auto-replied")
        let bounce = try parse(
            "From: MAILER-DAEMON@mx.acme.example\nSubject: Undelivered\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\nfail\n--b--\n"
        )
        #expect(bounce.automatic != nil)
        let list = try parse("From: news@vendor.example\nPrecedence: bulk\n\nNews")
        #expect(list.automatic == "Precedence: bulk")
        #expect(throws: InboundMailError.unreadable("the message has no From address")) {
            try parse("Subject: nobody\n\nbody")
        }
        #expect(throws: InboundMailError.unreadable("the message is empty")) { try InboundMail.parse(Data()) }
        // A multipart mail cut off before its closing boundary still gives what arrived.
        let cut = try parse(
            "From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhalf a mess")
        #expect(cut.body.hasPrefix("half a mess"))
    }

    @Test func encodedWordsAndQuotedPrintableRoundTrip() {
        #expect(
            MIMEWords.decode("=?utf-8?B?\(Data("Grüße".utf8).base64EncodedString())?= =?utf-8?Q?_aus_K=C3=B6ln?=")
                == "Grüße aus Köln")
        #expect(MIMEWords.decode("plain =?bogus") == "plain =?bogus")
        let text = "Line with é and = sign and a very long line " + String(repeating: "x", count: 100)
        #expect(String(decoding: QuotedPrintable.decode(Data(QuotedPrintable.encode(text).utf8)), as: UTF8.self) == text)
    }
}
