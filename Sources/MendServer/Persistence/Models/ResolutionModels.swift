import Fluent
import Foundation

/// A troubleshooting step on a ticket (04c.01).
final class DiagnosisStepModel: Model, @unchecked Sendable {
    static let schema = "diagnosis_steps"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "step") var step: String
    @OptionalField(key: "finding") var finding: String?
    @Field(key: "minutes") var minutes: Int
    @Field(key: "by_id") var byID: UUID
    @Field(key: "by_name") var byName: String
    @Field(key: "at") var at: Date
    init() {}
}

/// An admin's checklist for a ticket type; `items` is a JSON array of texts.
final class ChecklistModel: Model, @unchecked Sendable {
    static let schema = "checklists"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_type") var ticketType: String
    @Field(key: "items") var items: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String
    init() {}
}

/// A part needed for a ticket (04c.03).
final class PartRequestModel: Model, @unchecked Sendable {
    static let schema = "part_requests"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "item") var item: String
    @Field(key: "quantity") var quantity: Int
    @OptionalField(key: "supplier") var supplier: String?
    @OptionalField(key: "rma_number") var rmaNumber: String?
    @OptionalField(key: "purchase_order") var purchaseOrder: String?
    @OptionalField(key: "carrier") var carrier: String?
    @OptionalField(key: "tracking_number") var trackingNumber: String?
    @OptionalField(key: "eta") var eta: Date?
    @Field(key: "state") var state: String
    @Field(key: "requested_by") var requestedBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// An onsite visit (04c.04).
final class AppointmentModel: Model, @unchecked Sendable {
    static let schema = "appointments"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "engineer_id") var engineerID: UUID
    @Field(key: "engineer_name") var engineerName: String
    @OptionalField(key: "site_id") var siteID: UUID?
    @Field(key: "site_name") var siteName: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "state") var state: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "checked_in_at") var checkedInAt: Date?
    @OptionalField(key: "checked_out_at") var checkedOutAt: Date?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A question to an SME or SME group (04c.05).
final class SmeConsultModel: Model, @unchecked Sendable {
    static let schema = "sme_consults"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @OptionalField(key: "to_user_id") var toUserID: UUID?
    @OptionalField(key: "to_queue_id") var toQueueID: UUID?
    @Field(key: "to_name") var toName: String
    @Field(key: "question") var question: String
    @Field(key: "urgency") var urgency: String
    @Field(key: "respond_by") var respondBy: Date
    @Field(key: "asked_by") var askedBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    init() {}
}

/// A technology vendor in the directory (04c.06).
final class VendorModel: Model, @unchecked Sendable {
    static let schema = "vendors"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "support_phone") var supportPhone: String?
    @OptionalField(key: "support_email") var supportEmail: String?
    @OptionalField(key: "portal_url") var portalURL: String?
    @OptionalField(key: "notes") var notes: String?
    init() {}
}

/// A client's contract number with a vendor.
final class VendorContractModel: Model, @unchecked Sendable {
    static let schema = "vendor_contracts"
    @ID(key: .id) var id: UUID?
    @Field(key: "vendor_id") var vendorID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "contract_number") var contractNumber: String
    init() {}
}

/// A case opened with a vendor for a ticket.
final class VendorCaseModel: Model, @unchecked Sendable {
    static let schema = "vendor_cases"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "vendor_id") var vendorID: UUID
    @Field(key: "case_number") var caseNumber: String
    @OptionalField(key: "contact") var contact: String?
    @Field(key: "severity") var severity: String
    @Field(key: "state") var state: String
    @OptionalField(key: "promised_response_at") var promisedResponseAt: Date?
    @Field(key: "follow_up_hours") var followUpHours: Int
    @OptionalField(key: "next_follow_up_at") var nextFollowUpAt: Date?
    @Field(key: "opened_by") var openedBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// Where a ticket left Tier 2 to: a third party (with follow-ups) or the client's IT.
final class TicketExitModel: Model, @unchecked Sendable {
    static let schema = "ticket_exits"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "party") var party: String
    @OptionalField(key: "reference") var reference: String?
    @OptionalField(key: "contact") var contact: String?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "follow_up_hours") var followUpHours: Int?
    @OptionalField(key: "next_follow_up_at") var nextFollowUpAt: Date?
    @OptionalField(key: "party_resolved_at") var partyResolvedAt: Date?
    @OptionalField(key: "party_resolution") var partyResolution: String?
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
