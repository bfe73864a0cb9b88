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

    /// Human label used on pages and in messages.
    public var title: String {
        switch self {
        case .new: "New"
        case .assigned: "Assigned"
        case .inProgress: "In Progress"
        case .waitingOnClient: "Waiting on Client"
        case .waitingOnParts: "Waiting on Parts"
        case .waitingOnVendor: "Waiting on Vendor"
        case .waitingOnThirdParty: "Waiting on Third Party"
        case .onsiteScheduled: "Onsite Scheduled"
        case .withSME: "With SME"
        case .restored: "Restored"
        case .resolved: "Resolved"
        case .escalatedOut: "Escalated Out"
        case .handedOff: "Handed Off"
        case .closed: "Closed"
        }
    }

    /// Statuses where Tier 2 is working the incident (the ticket is open and not yet restored).
    public static let working: [TicketStatus] = [
        .assigned, .inProgress, .waitingOnClient, .waitingOnParts, .waitingOnVendor,
        .waitingOnThirdParty, .onsiteScheduled, .withSME,
    ]

    /// The three exits of the seed module: each leaves Tier 2 and requires the exit gates.
    public static let exits: [TicketStatus] = [.resolved, .escalatedOut, .handedOff]

    /// True while the incident still needs Tier 2 (not exited and not closed).
    public var isOpen: Bool { !Self.exits.contains(self) && self != .closed }
}
