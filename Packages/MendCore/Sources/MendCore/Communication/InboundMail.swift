import Foundation

/// An email as Mend reads it: the headers it needs, the text of the reply, and the attachments.
public struct InboundMail: Sendable, Equatable {
    /// A file carried by the message.
    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        public var data: Data
    }

    public var from: MailAddress
    public var subject: String
    public var messageID: String?
    /// In-Reply-To and References, oldest first: the ids this mail answers.
    public var references: [String]
    public var date: String?
    /// The plain text of the body (from text/plain, or text/html made plain).
    public var body: String
    public var attachments: [Attachment]
    /// Why the mail must not open or change tickets: an auto-reply, a bounce, a list; nil for a person's mail.
    public var automatic: String?

    /// Parses RFC 5322 text; refuses, with the reason, what is not an email Mend can act on.
    public static func parse(_ raw: Data) throws(InboundMailError) -> InboundMail {
        guard !raw.isEmpty else { throw .unreadable("the message is empty") }
        let part = MIMEPart.parse(raw)
        guard let fromHeader = part.header("From"), let from = MailAddressParser.first(in: MIMEWords.decode(fromHeader))
        else { throw .unreadable("the message has no From address") }
        var text: String?
        var html: String?
        var attachments: [Attachment] = []
        part.walk { leaf in
            let type = leaf.contentType.lowercased()
            if let name = leaf.filename {
                attachments.append(Attachment(filename: name, contentType: type, data: leaf.decodedBody))
            } else if type == "text/plain", text == nil {
                text = leaf.text
            } else if type == "text/html", html == nil {
                html = leaf.text
            }
        }
        let references = (MIMEIds.all(in: part.header("In-Reply-To") ?? "") + MIMEIds.all(in: part.header("References") ?? ""))
        return InboundMail(
            from: from, subject: MIMEWords.decode(part.header("Subject") ?? "").trimmingCharacters(in: .whitespaces),
            messageID: MIMEIds.all(in: part.header("Message-ID") ?? "").first, references: references,
            date: part.header("Date"), body: text ?? html.map(HTMLToText.convert) ?? "", attachments: attachments,
            automatic: Self.automatic(part, from: from))
    }

    /// Auto-Submitted other than "no", Precedence bulk/junk/list, the common auto-reply headers, delivery
    /// reports and mail from the mailer daemon all mean no person wrote it.
    static func automatic(_ part: MIMEPart, from: MailAddress) -> String? {
        if let value = part.header("Auto-Submitted")?.lowercased().trimmingCharacters(in: .whitespaces), value != "no" {
            return "Auto-Submitted: \(value)"
        }
        if let value = part.header("Precedence")?.lowercased(),
            ["bulk", "junk", "list", "auto_reply"].contains(value.trimmingCharacters(in: .whitespaces))
        {
            return "Precedence: \(value)"
        }
        for header in ["X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply"] where part.header(header) != nil {
            return header
        }
        if part.contentType.lowercased() == "multipart/report" { return "a delivery report (bounce)" }
        let local = from.address.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if ["mailer-daemon", "postmaster"].contains(local) { return "mail from \(from.address)" }
        if part.header("Return-Path")?.trimmingCharacters(in: .whitespaces) == "<>" { return "a null return path (bounce)" }
        return nil
    }

    /// The ticket number in a subject tag such as `[T-000123]`.
    public var subjectTicket: String? {
        guard let open = subject.range(of: "[T-") else { return nil }
        let digits = subject[open.upperBound...].prefix { $0.isNumber }
        guard !digits.isEmpty, subject[open.upperBound...].dropFirst(digits.count).first == "]" else { return nil }
        return "T-" + digits
    }

    /// Ticket numbers named by the thread ids, such as `<T-000123@msp.example>`.
    public var referencedTickets: [String] {
        references.compactMap { id in
            guard id.hasPrefix("T-"), let at = id.firstIndex(of: "@") else { return nil }
            let number = id[id.index(id.startIndex, offsetBy: 2)..<at]
            return number.allSatisfy(\.isNumber) && !number.isEmpty ? "T-" + number : nil
        }
    }
}

/// Why a message cannot be read.
public enum InboundMailError: Error, Sendable, Equatable {
    case unreadable(String)

    public var reason: String {
        switch self {
        case .unreadable(let why): why
        }
    }
}

/// The reply a person wrote, without the quoted history below (or above) it.
public enum QuotedHistory {
    /// `body` up to the first marker of quoted history: "On … wrote:", an Outlook "From:/Sent:" block,
    /// "-----Original Message-----", or a run of lines starting with ">".
    public static func strip(_ body: String) -> String {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var kept: [String] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(">") { break }
            if trimmed.hasPrefix("-----Original Message-----") || trimmed.hasPrefix("________________________________") {
                break
            }
            if trimmed.hasPrefix("On ") && (trimmed.hasSuffix("wrote:") || nextEndsQuote(lines, after: index)) { break }
            if trimmed.hasPrefix("From:"),
                lines.dropFirst(index + 1).prefix(3).contains(where: {
                    $0.hasPrefix("Sent:") || $0.hasPrefix("Date:")
                })
            {
                break
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Gmail and Apple Mail wrap a long "On … wrote:" over two lines.
    private static func nextEndsQuote(_ lines: [String], after index: Int) -> Bool {
        index + 1 < lines.count && lines[index + 1].trimmingCharacters(in: .whitespaces).hasSuffix("wrote:")
    }
}
