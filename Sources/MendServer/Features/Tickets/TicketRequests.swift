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
    /// Present when Tier 1 escalates: its troubleshooting so far, carried in as a backstage note.
    var tier1: Tier1Body? = nil

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary, description, type, subtype, impact, urgency, source, companyID, contactID, siteID, queueID
        case assigneeID, configurationItem, tier1
    }
}

/// The `tier1` member of a new ticket: Tier 1's reference, steps tried, findings and attachment links.
struct Tier1Body: Decodable, Sendable {
    var reference: String?
    var stepsTried: [String]?
    var findings: String?
    var attachments: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case reference, stepsTried, findings, attachments }

    init(reference: String?, stepsTried: [String]?, findings: String?, attachments: [String]?) {
        self.reference = reference
        self.stepsTried = stepsTried
        self.findings = findings
        self.attachments = attachments
    }

    /// Refuses members it does not know, like the request around it.
    init(from decoder: any Decoder) throws {
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).filter({ !known.contains($0) })
            .sorted().first
        {
            throw Problem.invalid("tier1.\(unknown)", "is not a Tier 1 member (reference, stepsTried, findings, attachments)")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reference = try container.decodeIfPresent(String.self, forKey: .reference)
        stepsTried = try container.decodeIfPresent([String].self, forKey: .stepsTried)
        findings = try container.decodeIfPresent(String.self, forKey: .findings)
        attachments = try container.decodeIfPresent([String].self, forKey: .attachments)
    }

    var handoff: Tier1Handoff {
        Tier1Handoff(
            reference: reference?.trimmed.isEmpty == false ? reference?.trimmed : nil, stepsTried: stepsTried ?? [],
            findings: findings, attachments: attachments ?? [])
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
    /// Set when the note logs a conversation with the client by that channel (staff only).
    var call: ContactChannel? = nil

    enum CodingKeys: String, CodingKey, CaseIterable { case body, visibility, call }
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
