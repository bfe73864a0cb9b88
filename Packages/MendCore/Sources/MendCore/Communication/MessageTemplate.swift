import Foundation

/// A client-facing message with its subject, plain-text and HTML parts; `{{name}}` places a field.
public struct MessageTemplate: Sendable, Equatable {
    /// The client-facing events that send a message.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case acknowledged
        case expectationsSet = "expectations_set"
        case statusUpdate = "status_update"
        case restoredVerify = "restored_verify"
        case resolved
        case escalatedOut = "escalated_out"
        case handedOff = "handed_off"
        case survey

        /// Human label for the editor.
        public var title: String {
            switch self {
            case .acknowledged: "Acknowledged"
            case .expectationsSet: "Expectations set"
            case .statusUpdate: "Status update"
            case .restoredVerify: "Restored: please verify"
            case .resolved: "Resolved"
            case .escalatedOut: "Escalated to a third party"
            case .handedOff: "Handed off to your IT"
            case .survey: "Satisfaction survey"
            }
        }

        /// The fields this kind's templates may use, beyond the common ones.
        public var fields: [String] {
            switch self {
            case .acknowledged: []
            case .expectationsSet: ["handoff.expectation", "handoff.eta"]
            case .statusUpdate: ["update.body"]
            case .restoredVerify: ["restoration.test"]
            case .resolved: ["ticket.resolution"]
            case .escalatedOut: ["exit.party", "exit.reference"]
            case .handedOff: ["exit.receivedBy", "exit.handedOver"]
            case .survey: ["survey.url"]
            }
        }
    }

    /// Fields every template may use.
    public static let commonFields = [
        "msp.name", "msp.signature", "msp.logoURL", "ticket.number", "ticket.summary", "ticket.status", "ticket.priority",
        "contact.name", "company.name",
    ]

    public var kind: Kind
    public var subject: String
    public var text: String
    public var html: String

    /// Validates an admin's template: every part present, every `{{field}}` one this kind knows.
    public init(kind: Kind, subject: String?, text: String?, html: String?) throws(ValidationError) {
        var check = FieldChecker()
        check.required(subject, "subject", max: 300)
        check.required(text, "text", max: 20_000)
        check.required(html, "html", max: 50_000)
        let allowed = Set(Self.commonFields + kind.fields)
        for (field, value) in [("subject", subject), ("text", text), ("html", html)] {
            guard let value else { continue }
            let unknown = Self.placeholders(in: value).filter { !allowed.contains($0) }
            if !unknown.isEmpty {
                check.add(
                    field,
                    "uses unknown field(s) \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")); "
                        + "this template knows \(allowed.sorted().joined(separator: ", "))")
            }
            if value.components(separatedBy: "{{").count != value.components(separatedBy: "}}").count {
                check.add(field, "has an unclosed {{ or a stray }}")
            }
        }
        if subject?.contains("\n") == true { check.add("subject", "must be one line") }
        try check.check()
        self.kind = kind
        self.subject = subject!
        self.text = text!
        self.html = html!
    }

    /// A stored template, validated when saved.
    public init(stored kind: Kind, subject: String, text: String, html: String) {
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// The field names used by `text`, in order of first use.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The message with `values` in place; a field without a value is an error, never a blank.
    public func render(_ values: [String: String]) throws(TemplateError) -> RenderedMessage {
        let used = Self.placeholders(in: subject + "\n" + text + "\n" + html)
        let missing = used.filter { (values[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if !missing.isEmpty { throw TemplateError(kind: kind, missingFields: missing) }
        return RenderedMessage(
            subject: Self.fill(subject, values, escape: false).replacingOccurrences(of: "\n", with: " "),
            text: Self.fill(text, values, escape: false), html: Self.fill(html, values, escape: true))
    }

    private static func fill(_ text: String, _ values: [String: String], escape: Bool) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = values[name] ?? ""
            out += escape ? HTMLText.escape(value).replacingOccurrences(of: "\n", with: "<br>") : value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

/// A template rendered for one ticket.
public struct RenderedMessage: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String
}

/// A template that cannot be rendered: the fields it needs that have no value.
public struct TemplateError: Error, Sendable, Equatable {
    public var kind: MessageTemplate.Kind
    public var missingFields: [String]

    public init(kind: MessageTemplate.Kind, missingFields: [String]) {
        self.kind = kind
        self.missingFields = missingFields
    }

    /// Plain words for the preview and the refusal.
    public var explanation: String {
        "The \(kind.title.lowercased()) message needs \(missingFields.map { "{{\($0)}}" }.joined(separator: ", ")), "
            + "which this ticket does not have."
    }
}

/// Escaping for text placed in HTML.
public enum HTMLText {
    /// `text` with the five HTML-special characters escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
