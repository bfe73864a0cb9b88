import MendCore
import Vapor

/// A ticket as the API shows it; clients get the same shape.
struct TicketResponse: Content {
    var id: UUID
    var number: String
    var summary: String
    var description: String
    var type: String?
    var subtype: String?
    var impact: Impact
    var urgency: Urgency
    var priority: Priority
    var source: TicketSource
    var status: TicketStatus
    var queueID: UUID?
    var queueName: String?
    var assigneeID: UUID?
    var assigneeName: String?
    var companyID: UUID
    var companyName: String
    var contactID: UUID?
    var contactName: String?
    var siteID: UUID?
    var siteName: String?
    var configurationItem: String?
    var resolution: String?
    var restoredTested: Bool
    var verificationAttempted: Bool
    /// Tier 2 told the client of a transfer since its exit path was recorded (the gate of escalating out and handing off).
    var clientInformed: Bool
    var exitParty: String?
    var exitReference: String?
    var minutesLogged: Int
    var reopenCount: Int
    var version: Int
    var createdAt: Date
    var updatedAt: Date
    var exitedAt: Date?
    var closedAt: Date?
    /// The SLA clocks read at the time of the request.
    var sla: TicketSlaResponse?
    /// Present on tickets opened by a monitoring alert.
    var alert: TicketAlertResponse?
    /// A P1/P2 ticket still being worked whose CSR handoff is not recorded.
    var handoffMissing: Bool
}

/// One page of a ticket search; `nextCursor` is absent on the last page.
struct TicketPageResponse: Content {
    var items: [TicketResponse]
    var nextCursor: String?
}

struct NoteResponse: Content {
    var id: UUID
    var body: String
    var visibility: Visibility
    var authorID: UUID?
    var authorName: String
    var isResolution: Bool
    var createdAt: Date
}

struct TimeEntryResponse: Content {
    var id: UUID
    var engineerID: UUID
    var engineerName: String
    var workType: WorkType
    var startedAt: Date
    var minutes: Int
    var billable: Bool
    var note: String?
}

struct VerificationResponse: Content {
    var id: UUID
    var channel: ContactChannel
    var outcome: VerificationOutcome
    var note: String?
    var byName: String
    var at: Date
}

struct EventResponse: Content {
    var id: UUID
    var kind: EventKind
    var visibility: Visibility
    var actorID: UUID?
    var actorName: String
    var at: Date
    var summary: String
    var before: String?
    var after: String?
    /// The process definition version the change ran under; null before versions were kept.
    var processVersion: Int?
}

/// A legal next status and the exit gates that still block it.
struct TransitionOption: Content {
    var to: TicketStatus
    var title: String
    var unmetGates: [GateResponse]
    var isReopen: Bool
}

struct GateResponse: Content {
    var gate: ExitGate
    var detail: String
}

struct ListResponse<Item: Content>: Content {
    var items: [Item]
}
