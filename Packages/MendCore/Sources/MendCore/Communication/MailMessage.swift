import Foundation

/// An outgoing email as RFC 5322 text: headers, and a multipart/alternative body with the plain-text and
/// HTML parts in quoted-printable, ready for SMTP's DATA.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String
    /// Stable and unique: the id replies quote back in In-Reply-To.
    public var messageID: String
    /// The ticket's thread: every message of a ticket refers to the same root id.
    public var threadRoot: String?
    public var date: Instant

    public init(
        from: MailAddress, to: MailAddress, subject: String, text: String, html: String, messageID: String,
        threadRoot: String? = nil, date: Instant
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.threadRoot = threadRoot
        self.date = date
    }

    /// The subject with the ticket's tag, which threads replies even when a mail client drops the headers.
    public static func taggedSubject(_ subject: String, ticket: String) -> String {
        subject.contains("[\(ticket)]") ? subject : "[\(ticket)] \(subject)"
    }

    /// The full message with CRLF line ends; `boundary` is fixed by the caller so the text is reproducible.
    public func rfc5322(boundary: String) -> String {
        var headers = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: \(MIMEWords.encode(subject))",
            "Date: \(Self.dateHeader(date))",
            "Message-ID: <\(messageID)>",
        ]
        if let threadRoot, threadRoot != messageID {
            headers.append("In-Reply-To: <\(threadRoot)>")
            headers.append("References: <\(threadRoot)>")
        }
        headers += [
            // Marks the mail as sent by a system, so well-behaved auto-responders do not answer it.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", text), ("text/html", html)].map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + QuotedPrintable.encode(body)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    /// RFC 5322 date, in UTC: `Fri, 27 Nov 2026 14:05:00 +0000`.
    public static func dateHeader(_ date: Instant) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// A mailbox: an address and an optional display name.
public struct MailAddress: Sendable, Equatable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// `"Name" <address>` with the name encoded when it is not plain ASCII.
    public var header: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let plain = name.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return (plain ? "\"\(name)\"" : MIMEWords.encode(name)) + " <\(address)>"
    }
}

/// RFC 2047 encoded words for headers with non-ASCII text.
public enum MIMEWords {
    /// `text` as is when it is printable ASCII, else as `=?utf-8?B?...?=` words of at most 75 characters.
    public static func encode(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            // 45 bytes of UTF-8 become 60 base64 characters, which keeps each word under 75.
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }
}

/// Quoted-printable (RFC 2045) for text parts: lines of at most 76 characters, CRLF line ends.
public enum QuotedPrintable {
    /// Encodes `text`; line breaks in the text become CRLF hard breaks.
    public static func encode(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = ""
        var length = 0
        for (index, byte) in bytes.enumerated() {
            let last = index == bytes.count - 1
            var piece: String
            if (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last) {
                piece = String(UnicodeScalar(byte))
            } else {
                piece = String(format: "=%02X", byte)
            }
            // A soft break (=) keeps each encoded line within 76 characters.
            if length + piece.count > 75 {
                out += "=\r\n"
                length = 0
            }
            // A line starting with a dot would be read as the end of DATA by a careless server.
            if length == 0 && piece == "." { piece = "=2E" }
            out += piece
            length += piece.count
        }
        return out
    }
}
