import Foundation

/// An admin's order for ticket events: which kinds are posted to which URL, signed with which secret.
public struct WebhookSubscription: Sendable, Equatable {
    /// Stands for every event kind, present and future.
    public static let allKinds = "*"

    public var url: URL
    /// Event kinds (`EventKind` raw values), or just `*`.
    public var kinds: Set<String>
    public var description: String
    public var active: Bool

    /// Validates an admin's subscription: an absolute http(s) URL without credentials, known event kinds.
    public init(url: String?, kinds: [String]?, description: String?, active: Bool?) throws(ValidationError) {
        var check = FieldChecker()
        check.required(url, "url", max: 2_000)
        check.length(description, "description", max: 200)
        // A link by `WebLink`: absolute http(s), no user name or password (the signature authenticates Mend).
        let parsed = url.flatMap { WebLink.isValid($0) ? URL(string: $0) : nil }
        if let url, !url.isEmpty, parsed == nil {
            check.add("url", "must be an absolute http:// or https:// URL without a user name or password")
        }
        let wanted = Set((kinds ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if wanted.isEmpty {
            check.add("events", "is required: at least one event kind, or \"*\" for all")
        } else {
            let known = Set(EventKind.allCases.map(\.rawValue)).union([Self.allKinds])
            let unknown = wanted.subtracting(known).sorted()
            if !unknown.isEmpty {
                check.add("events", "has unknown event kind(s) \(unknown.joined(separator: ", "))")
            }
        }
        guard let parsed else {
            if !check.problems.contains(where: { $0.field == "url" }) { check.add("url", "is required") }
            throw ValidationError(check.problems)
        }
        try check.check()
        self.url = parsed
        self.kinds = wanted.contains(Self.allKinds) ? [Self.allKinds] : wanted
        self.description = description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.active = active ?? true
    }

    /// Whether an event of `kind` goes to this subscription.
    public func wants(_ kind: String) -> Bool {
        active && (kinds.contains(Self.allKinds) || kinds.contains(kind))
    }

    /// The stored form of `kinds`: sorted, space-separated.
    public var kindsText: String { kinds.sorted().joined(separator: " ") }

    /// Kinds from their stored form.
    public static func kinds(from text: String) -> Set<String> {
        Set(text.split(separator: " ").map(String.init))
    }

    /// Whether a stored subscription wants `kind`, without validating it again.
    public static func wants(kindsText: String, _ kind: String) -> Bool {
        let kinds = Self.kinds(from: kindsText)
        return kinds.contains(allKinds) || kinds.contains(kind)
    }
}
