import Foundation

/// One MIME entity: unfolded headers and its raw body, with its parts when it is multipart.
struct MIMEPart: Sendable {
    var headers: [(name: String, value: String)]
    var body: Data
    var parts: [MIMEPart]

    /// The first header of that name (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `type/subtype` in lower case; text/plain when absent or unreadable (RFC 2045).
    var contentType: String {
        let value = header("Content-Type").map { MIMEParameters.value(of: $0) } ?? ""
        return value.contains("/") ? value.lowercased() : "text/plain"
    }

    /// The file name, when the part is an attachment (or an inline file with a name).
    var filename: String? {
        let disposition = header("Content-Disposition")
        if let name = disposition.flatMap({ MIMEParameters.parameter("filename", in: $0) }) { return MIMEWords.decode(name) }
        if let name = header("Content-Type").flatMap({ MIMEParameters.parameter("name", in: $0) }) {
            return MIMEWords.decode(name)
        }
        if disposition?.lowercased().hasPrefix("attachment") == true { return "attachment" }
        return nil
    }

    /// The body after its transfer encoding.
    var decodedBody: Data {
        switch header("Content-Transfer-Encoding")?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            let compact = String(decoding: body, as: UTF8.self).filter { !$0.isWhitespace }
            return Data(base64Encoded: compact, options: .ignoreUnknownCharacters) ?? Data()
        case "quoted-printable":
            return QuotedPrintable.decode(body)
        default:
            return body
        }
    }

    /// The body as text in its declared charset.
    var text: String {
        let charset = header("Content-Type").flatMap { MIMEParameters.parameter("charset", in: $0) } ?? "utf-8"
        return Charsets.decode(decodedBody, charset: charset)
    }

    /// Visits every leaf part, depth first.
    func walk(_ visit: (MIMEPart) -> Void) {
        if parts.isEmpty { visit(self) } else { parts.forEach { $0.walk(visit) } }
    }

    /// Splits headers from body (at the first empty line), unfolds the headers, and parses multipart bodies.
    static func parse(_ data: Data, depth: Int = 0) -> MIMEPart {
        let bytes = [UInt8](data)
        var split = bytes.count
        var bodyStart = bytes.count
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                if index + 1 < bytes.count, bytes[index + 1] == 10 {
                    split = index
                    bodyStart = index + 2
                    break
                }
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    split = index
                    bodyStart = index + 3
                    break
                }
            }
            index += 1
        }
        let headerText = String(decoding: bytes[0..<split], as: UTF8.self)
        var headers: [(String, String)] = []
        for line in headerText.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n") {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (
                        String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                        String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
        let body = bodyStart < bytes.count ? Data(bytes[bodyStart...]) : Data()
        var part = MIMEPart(headers: headers.map { (name: $0.0, value: $0.1) }, body: body, parts: [])
        if depth < 10, part.contentType.hasPrefix("multipart/"),
            let boundary = part.header("Content-Type").flatMap({ MIMEParameters.parameter("boundary", in: $0) })
        {
            part.parts = multipart(body, boundary: boundary).map { parse($0, depth: depth + 1) }
        }
        return part
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    private static func multipart(_ body: Data, boundary: String) -> [Data] {
        let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var parts: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--\(boundary)--" {
                if let current { parts.append(current.joined(separator: "\n")) }
                current = nil
                break
            }
            if trimmed == "--\(boundary)" {
                if let current { parts.append(current.joined(separator: "\n")) }
                current = []
                continue
            }
            current?.append(line)
        }
        // A message cut short keeps the part it was in.
        if let current { parts.append(current.joined(separator: "\n")) }
        return parts.map { Data($0.utf8) }
    }
}

/// `type/subtype; name="value"` headers.
enum MIMEParameters {
    static func value(of header: String) -> String {
        header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pair[1].trimmingCharacters(in: .whitespacesAndNewlines)
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            // RFC 2231: filename*=utf-8''na%C3%AFve.txt
            if key.hasSuffix("*") {
                key.removeLast()
                if let quote = value.range(of: "''") {
                    value = String(value[quote.upperBound...]).removingPercentEncoding ?? value
                }
            }
            if key == name.lowercased() { return value }
        }
        return nil
    }
}

/// Message-ids in angle brackets, as In-Reply-To and References list them.
enum MIMEIds {
    static func all(in header: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }
}

/// The first mailbox in a From header: `Name <a@b>`, `a@b`, `"Last, First" <a@b>`.
enum MailAddressParser {
    static func first(in header: String) -> MailAddress? {
        if let open = header.lastIndex(of: "<"), let close = header[open...].firstIndex(of: ">") {
            let address = header[header.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            var name = header[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            return valid(address) ? MailAddress(address.lowercased(), name: name.isEmpty ? nil : name) : nil
        }
        let address = header.split(separator: " ").first { $0.contains("@") }.map { String($0) } ?? ""
        return valid(address) ? MailAddress(address.lowercased()) : nil
    }

    private static func valid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !address.contains(" ")
    }
}

extension MIMEWords {
    /// Decodes RFC 2047 words (`=?charset?B|Q?text?=`); whitespace between two words is dropped.
    public static func decode(_ header: String) -> String {
        var out = ""
        var rest = Substring(header)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = encodedWord(rest[start.lowerBound...]) else {
                out += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                lastWasWord = false
                continue
            }
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { out += before }
            out += word.text
            rest = rest[word.end...]
            lastWasWord = true
        }
        return out + rest
    }

    private static func encodedWord(_ text: Substring) -> (text: String, end: Substring.Index)? {
        let pieces = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard pieces.count == 4, pieces[3].hasPrefix("="), pieces[1].count == 1 else { return nil }
        let charset = String(pieces[0])
        let payload = String(pieces[2])
        let data: Data?
        switch pieces[1].uppercased() {
        case "B": data = Data(base64Encoded: payload, options: .ignoreUnknownCharacters)
        case "Q": data = QuotedPrintable.decode(Data(payload.replacingOccurrences(of: "_", with: " ").utf8))
        default: data = nil
        }
        guard let data else { return nil }
        let end = text.index(pieces[3].startIndex, offsetBy: 1)
        return (Charsets.decode(data, charset: charset), end)
    }
}

extension QuotedPrintable {
    /// Decodes `=XX` escapes and soft line breaks; a malformed escape is kept as it is.
    public static func decode(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 65...70: byte - 55
            case 97...102: byte - 87
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 61 {
                if index + 1 < bytes.count, bytes[index + 1] == 10 {
                    index += 2
                    continue
                }
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return Data(out)
    }
}

/// Text in the charsets mail clients use; an unknown charset falls back to UTF-8, then Latin-1.
enum Charsets {
    static func decode(_ data: Data, charset: String) -> String {
        let encoding: String.Encoding
        switch charset.lowercased().trimmingCharacters(in: .whitespaces) {
        case "iso-8859-1", "latin1", "iso8859-1": encoding = .isoLatin1
        case "windows-1252", "cp1252": encoding = .windowsCP1252
        case "us-ascii", "ascii": encoding = .utf8
        case "utf-16": encoding = .utf16
        default: encoding = .utf8
        }
        return String(data: data, encoding: encoding) ?? String(data: data, encoding: .isoLatin1) ?? ""
    }
}

/// HTML mail made plain enough for a ticket note: tags dropped, breaks kept, entities decoded.
enum HTMLToText {
    static func convert(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "\r\n", with: "\n")
        for (pattern, replacement) in [
            ("(?is)<(style|script|head)[^>]*>.*?</\\1>", ""), ("(?i)<br\\s*/?>", "\n"), ("(?i)</(p|div|tr|li|h[1-6])>", "\n"),
            ("(?s)<[^>]+>", ""), ("[ \\t]+", " "), ("\\n{3,}", "\n\n"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        for (entity, character) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
