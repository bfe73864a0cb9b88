import Foundation

/// The two ways a ticket leaves Tier 2 to someone else: a third party (04c.07) or the client's own IT (04c.08).
public enum TicketExitKind: String, Sendable, Codable, CaseIterable {
    case thirdParty = "third_party"
    case clientIT = "client_it"

    /// The status the ticket leaves Tier 2 with.
    public var status: TicketStatus { self == .thirdParty ? .escalatedOut : .handedOff }
}

/// What was escalated to a third party: who, their reference and contact, and how often to check back.
public struct ThirdPartyEscalation: Sendable, Equatable {
    public var party: String
    public var reference: String?
    public var contact: String?
    public var escalated: String
    public var followUpHours: Int

    /// Validates the record; follow-ups run daily unless told otherwise.
    public init(
        party: String?, reference: String?, contact: String?, escalated: String?, followUpHours: Int?
    ) throws(ValidationError) {
        var check = FieldChecker()
        check.required(party, "party", max: 200)
        check.length(reference, "reference", max: 200)
        check.length(contact, "contact", max: 200)
        check.required(escalated, "escalated", max: 4_000)
        if let followUpHours { check.range(followUpHours, "followUpHours", 1...720) }
        try check.check()
        self.party = (party ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.reference = reference.nonBlank
        self.contact = contact.nonBlank
        self.escalated = (escalated ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.followUpHours = followUpHours ?? 24
    }
}

/// Who in the client's IT received the incident and what was handed over.
public struct ClientITHandoff: Sendable, Equatable {
    public var receivedBy: String
    public var handedOver: String

    /// Validates the record.
    public init(receivedBy: String?, handedOver: String?) throws(ValidationError) {
        var check = FieldChecker()
        check.required(receivedBy, "receivedBy", max: 200)
        check.required(handedOver, "handedOver", max: 4_000)
        try check.check()
        self.receivedBy = (receivedBy ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.handedOver = (handedOver ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Which status a resolution path puts a ticket in, when the ticket can go there.
public enum PathStatus {
    /// The waiting status for work started on a path (parts, visit, SME, vendor), if legal from `current`.
    public static func waiting(_ target: TicketStatus, from current: TicketStatus) -> TicketStatus? {
        guard current != target, current.isOpen, current != .restored,
            StatusMachine.targets(from: current).contains(target)
        else { return nil }
        return target
    }

    /// Back to In Progress when the path's wait ends, if the ticket is still in that wait.
    public static func resumed(from current: TicketStatus, waitingIn wait: TicketStatus) -> TicketStatus? {
        current == wait ? .inProgress : nil
    }
}
