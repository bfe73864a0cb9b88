/// How a ticket reached Tier 2: the entry conditions of the seed module plus the common intake channels.
public enum TicketSource: String, Sendable, Codable, CaseIterable {
    case phone
    case email
    case portal
    case monitoringAlert = "monitoring_alert"
    case tier1Escalation = "tier1_escalation"
    case afterHoursOnCall = "after_hours_on_call"

    /// Human label.
    public var title: String {
        switch self {
        case .phone: "Phone"
        case .email: "Email"
        case .portal: "Portal"
        case .monitoringAlert: "Monitoring alert"
        case .tier1Escalation: "Tier 1 escalation"
        case .afterHoursOnCall: "After-hours on-call"
        }
    }
}

/// Onstage content is visible to the client; backstage content is internal to the MSP.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    case onstage, backstage
}
