/// The kinds of append-only ticket events; the audit trail and the source of the KPIs.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case created
    case fieldsChanged = "fields_changed"
    case priorityChanged = "priority_changed"
    case assigned
    case queueChanged = "queue_changed"
    case statusChanged = "status_changed"
    case reopened
    case noteAdded = "note_added"
    case timeLogged = "time_logged"
    case restorationTested = "restoration_tested"
    case verificationAttempted = "verification_attempted"
    case exitRecorded = "exit_recorded"
    case slaWarning = "sla_warning"
    case slaBreached = "sla_breached"
    case alertRepeated = "alert_repeated"
    case alertResolved = "alert_resolved"
    case escalationFired = "escalation_fired"
    case escalated
    case pageSent = "page_sent"
    case pageAcknowledged = "page_acknowledged"
    case pageDeclined = "page_declined"
    case pageMoved = "page_moved"
    case handoffRecorded = "handoff_recorded"
    case handoffReminded = "handoff_reminded"

    /// Human label for timelines.
    public var title: String {
        switch self {
        case .created: "Created"
        case .fieldsChanged: "Details changed"
        case .priorityChanged: "Priority changed"
        case .assigned: "Assigned"
        case .queueChanged: "Queue changed"
        case .statusChanged: "Status changed"
        case .reopened: "Reopened"
        case .noteAdded: "Note added"
        case .timeLogged: "Time logged"
        case .restorationTested: "Restoration tested"
        case .verificationAttempted: "Verification attempted"
        case .exitRecorded: "Exit recorded"
        case .slaWarning: "SLA warning"
        case .slaBreached: "SLA breached"
        case .alertRepeated: "Alert repeated"
        case .alertResolved: "Alert resolved"
        case .escalationFired: "Escalation level fired"
        case .escalated: "Escalated"
        case .pageSent: "On-call paged"
        case .pageAcknowledged: "Page acknowledged"
        case .pageDeclined: "Page declined"
        case .pageMoved: "Page moved up the chain"
        case .handoffRecorded: "CSR handoff recorded"
        case .handoffReminded: "CSR handoff reminder"
        }
    }
}
