import Foundation

/// A technology vendor in the directory (04c.06): how to reach its support.
public struct Vendor: Sendable, Equatable {
    public var name: String
    public var supportPhone: String?
    public var supportEmail: String?
    public var portalURL: String?
    public var notes: String?

    /// Validates a directory entry; the portal must be an http(s) address and the email look like one.
    public init(
        name: String?, supportPhone: String?, supportEmail: String?, portalURL: String?, notes: String?
    ) throws(ValidationError) {
        var check = FieldChecker()
        check.required(name, "name", max: 200)
        check.length(supportPhone, "supportPhone", max: 50)
        check.length(supportEmail, "supportEmail", max: 200)
        check.length(portalURL, "portalURL", max: 500)
        check.length(notes, "notes", max: 4_000)
        // An empty text clears the member; anything else must be an address.
        if let email = supportEmail, !email.isEmpty, !DirectoryRules.isEmail(email) {
            check.add("supportEmail", "must be an email address")
        }
        if let url = portalURL, !url.isEmpty, !WebLink.isValid(url) {
            check.add("portalURL", "must be an http or https address")
        }
        try check.check()
        self.name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.supportPhone = supportPhone.nonBlank
        self.supportEmail = supportEmail.nonBlank
        self.portalURL = portalURL.nonBlank
        self.notes = notes.nonBlank
    }
}

/// A case opened with a vendor for a ticket: its number, severity, state, promised response, follow-ups.
public struct VendorCase: Sendable, Equatable {
    /// The vendor's severity scale, most severe first.
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case sev1, sev2, sev3, sev4
    }

    /// Where the case stands at the vendor.
    public enum State: String, Sendable, Codable, CaseIterable {
        case open
        case waitingOnVendor = "waiting_on_vendor"
        case vendorResolved = "vendor_resolved"
        case closed

        /// Human label for pages.
        public var title: String {
            switch self {
            case .open: "Open"
            case .waitingOnVendor: "Waiting on vendor"
            case .vendorResolved: "Vendor resolved"
            case .closed: "Closed"
            }
        }

        /// Whether follow-ups still run: until the vendor resolves it.
        public var isActive: Bool { self == .open || self == .waitingOnVendor }
    }

    public var caseNumber: String
    public var contact: String?
    public var severity: Severity
    public var state: State
    public var followUpHours: Int

    /// Validates a new case.
    public init(
        caseNumber: String?, contact: String?, severity: Severity?, followUpHours: Int?
    ) throws(ValidationError) {
        var check = FieldChecker()
        check.required(caseNumber, "caseNumber", max: 100)
        check.length(contact, "contact", max: 200)
        if severity == nil { check.add("severity", "is required: sev1, sev2, sev3 or sev4") }
        if let followUpHours { check.range(followUpHours, "followUpHours", 1...168) }
        try check.check()
        self.caseNumber = (caseNumber ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.contact = contact.nonBlank
        self.severity = severity!
        self.state = .open
        // A sev1 is chased every two hours, lesser cases daily: vendors answer at the pace they are pushed.
        self.followUpHours = followUpHours ?? (severity == .sev1 ? 2 : severity == .sev2 ? 4 : 24)
    }

    /// Moves the case; a closed case stays closed.
    public static func move(from: State, to: State) throws(ValidationError) {
        if from == to { return }
        if from == .closed { throw ValidationError(field: "state", "the case is closed") }
    }
}

/// When the next follow-up with an outside party falls due, after `from`, every `hours`.
public enum FollowUp {
    /// The next follow-up strictly after `now`, counting from `from` in steps of `hours`.
    public static func next(from: Instant, everyHours hours: Int, after now: Instant) -> Instant {
        let step = Double(max(1, hours) * 3_600)
        var next = from.addingTimeInterval(step)
        if next <= now { next = next.addingTimeInterval((now.timeIntervalSince(next) / step).rounded(.down) * step + step) }
        return next
    }
}

extension Optional where Wrapped == String {
    /// The trimmed text, or nil when absent or blank.
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
