import MendCore
import Vapor

/// POST /api/v1/tickets
struct CreateTicketRequest: StrictRequest {
    var summary: String
    var description: String?
    var type: String?
    var subtype: String?
    var impact: Impact?
    var urgency: Urgency?
    var source: TicketSource?
    var companyID: UUID?
    var contactID: UUID?
    var siteID: UUID?
    var queueID: UUID?
    var assigneeID: UUID?
    var configurationItem: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary, description, type, subtype, impact, urgency, source, companyID, contactID, siteID, queueID
        case assigneeID, configurationItem
    }
}

/// PATCH /api/v1/tickets/{number}: only the members sent change; null clears an optional member.
struct UpdateTicketRequest: StrictRequest {
    var summary: String?
    var description: String?
    var type: String?
    var subtype: String?
    var impact: Impact?
    var urgency: Urgency?
    var contactID: UUID?
    var siteID: UUID?
    var queueID: UUID?
    var assigneeID: UUID?
    var configurationItem: String?
    /// Required when the new impact/urgency lowers the priority.
    var priorityReason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary, description, type, subtype, impact, urgency, contactID, siteID, queueID, assigneeID
        case configurationItem, priorityReason
    }
}

/// POST /api/v1/tickets/{number}/transitions
struct TransitionTicketRequest: StrictRequest {
    var to: TicketStatus
    /// Required to reopen.
    var reason: String?
    /// Onstage summary for the client; saved as the resolution note before the exit gates are judged.
    var resolutionNote: String?
    /// For Escalated Out and Handed Off: who takes the incident, and their reference.
    var exitParty: String?
    var exitReference: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case to, reason, resolutionNote, exitParty, exitReference
    }
}

/// POST /api/v1/tickets/{number}/notes
struct CreateNoteRequest: StrictRequest {
    var body: String
    var visibility: Visibility

    enum CodingKeys: String, CodingKey, CaseIterable { case body, visibility }
}

/// POST /api/v1/tickets/{number}/time-entries
struct CreateTimeEntryRequest: StrictRequest {
    var minutes: Int
    var workType: WorkType
    var startedAt: Date?
    var billable: Bool?
    var note: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case minutes, workType, startedAt, billable, note }
}

/// POST /api/v1/tickets/{number}/restoration
struct RestorationRequest: StrictRequest {
    var test: String
    var result: TestResult

    enum CodingKeys: String, CodingKey, CaseIterable { case test, result }
}

/// POST /api/v1/tickets/{number}/verifications
struct VerificationRequest: StrictRequest {
    var channel: ContactChannel
    var outcome: VerificationOutcome
    var note: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case channel, outcome, note }
}

extension UpdateTicketRequest {
    init(assigneeID: UUID?) {
        self.init(
            summary: nil, description: nil, type: nil, subtype: nil, impact: nil, urgency: nil, contactID: nil,
            siteID: nil, queueID: nil, assigneeID: assigneeID, configurationItem: nil, priorityReason: nil)
    }
}
