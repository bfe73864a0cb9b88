/// The lifecycle states of PRODUCT.md section 2.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case new
    case assigned
    case inProgress = "in_progress"
    case waitingOnClient = "waiting_on_client"
    case waitingOnParts = "waiting_on_parts"
    case waitingOnVendor = "waiting_on_vendor"
    case waitingOnThirdParty = "waiting_on_third_party"
    case onsiteScheduled = "onsite_scheduled"
    case withSME = "with_sme"
    case restored
    case resolved
    case escalatedOut = "escalated_out"
    case handedOff = "handed_off"
    case closed

    /// The name the process in force gives this status, used on pages and in messages.
    public var title: String { ProcessRules.current.status(rawValue)?.name ?? rawValue }

    /// The kind the process in force gives this status.
    public var kind: ProcessStatusKind? { ProcessRules.current.status(rawValue)?.kind }

    /// Statuses where Tier 2 is working the incident (the ticket is open and not yet restored).
    public static var working: [TicketStatus] {
        ProcessRules.current.definition.statuses.filter { $0.kind == .work || $0.kind == .waiting }
            .compactMap { TicketStatus(rawValue: $0.key) }
    }

    /// The exits of the process: each leaves Tier 2 and requires the exit gates.
    public static var exits: [TicketStatus] {
        ProcessRules.current.statuses(of: .exit).compactMap(TicketStatus.init(rawValue:))
    }

    /// Whether this exit passes the incident on (its clocks stop as transferred) rather than restoring service.
    public var isTransfer: Bool { ProcessRules.current.status(rawValue)?.outcome == .transferred }

    /// True while the incident still needs Tier 2 (not exited and not closed).
    public var isOpen: Bool { kind != .exit && kind != .closed }
}
