import Foundation

/// An escalation made by hand (PRODUCT.md section 4): functional, to an SME, vendor or third party, or
/// hierarchical, to the service manager; both need a reason.
public struct ManualEscalation: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case functional, hierarchical

        /// Human label for pages.
        public var title: String {
            switch self {
            case .functional: "Functional (SME, vendor or third party)"
            case .hierarchical: "Hierarchical (service manager)"
            }
        }
    }

    public var kind: Kind
    public var reason: String
    /// Functional: who it goes to, when not a staff member or queue (a vendor, a third party).
    public var party: String?

    /// Validates: a reason always; a functional escalation names someone to go to (`hasStaffTarget` when a
    /// person or queue was chosen).
    public init(kind: Kind?, reason: String?, party: String?, hasStaffTarget: Bool) throws(ValidationError) {
        var check = FieldChecker()
        if kind == nil { check.add("kind", "must be functional or hierarchical") }
        check.required(reason, "reason", max: 2_000)
        let party = party?.trimmingCharacters(in: .whitespacesAndNewlines)
        check.length(party, "party", max: 200)
        if kind == .functional, !hasStaffTarget, party?.isEmpty ?? true {
            check.add(
                "party", "is required for a functional escalation without a person or queue: the SME, vendor or third party")
        }
        try check.check()
        self.kind = kind!
        self.reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.party = party?.isEmpty == true ? nil : party
    }
}
