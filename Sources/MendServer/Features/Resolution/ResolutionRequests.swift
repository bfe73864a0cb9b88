import Foundation
import MendCore

/// A troubleshooting step: what was tried, what was found, minutes spent (logged as diagnosis time).
struct DiagnosisStepRequest: StrictRequest {
    var step: String?
    var finding: String?
    var minutes: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case step, finding, minutes }
}

/// The ticked steps of the ticket's checklist (0-based step numbers).
struct ChecklistTicksRequest: StrictRequest {
    var done: [Int]?
    enum CodingKeys: String, CodingKey, CaseIterable { case done }
}

/// An admin's checklist for a ticket type.
struct ChecklistRequest: StrictRequest {
    var ticketType: String?
    var items: [String]?
    enum CodingKeys: String, CodingKey, CaseIterable { case ticketType, items }
}

/// The troubleshooting time box per priority, in minutes.
struct TimeboxRequest: StrictRequest {
    var minutes: [String: Int]?
    enum CodingKeys: String, CodingKey, CaseIterable { case minutes }
}

/// A new part request.
struct PartCreateRequest: StrictRequest {
    var item: String?
    var quantity: Int?
    var supplier: String?
    var rmaNumber: String?
    var purchaseOrder: String?
    var carrier: String?
    var trackingNumber: String?
    var eta: Date?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case item, quantity, supplier, rmaNumber, purchaseOrder, carrier, trackingNumber, eta
    }
}

/// A part moving on, or its shipping details changing.
struct PartUpdateRequest: StrictRequest {
    var state: PartRequest.State?
    var carrier: String?
    var trackingNumber: String?
    var eta: Date?
    var purchaseOrder: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case state, carrier, trackingNumber, eta, purchaseOrder }
}

/// A new onsite visit.
struct AppointmentRequest: StrictRequest {
    var engineerID: UUID?
    var siteID: UUID?
    var startsAt: Date?
    var endsAt: Date?
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case engineerID, siteID, startsAt, endsAt, note }
}

/// Moves a scheduled visit: another engineer, another start (the length is kept unless a new end is given), or both.
struct AppointmentMoveRequest: StrictRequest {
    var engineerID: UUID?
    var startsAt: Date?
    var endsAt: Date?
    enum CodingKeys: String, CodingKey, CaseIterable { case engineerID, startsAt, endsAt }
}

/// Check-in or check-out: the travel minutes to the site (check-in) or back (check-out), and why a check-in comes
/// well before the visit's window.
struct VisitRequest: StrictRequest {
    var travelMinutes: Int?
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case travelMinutes, reason }
}

/// A question to an SME or SME group.
struct ConsultRequest: StrictRequest {
    var toUserID: UUID?
    var toQueueID: UUID?
    var question: String?
    var urgency: SmeConsult.Urgency?
    enum CodingKeys: String, CodingKey, CaseIterable { case toUserID, toQueueID, question, urgency }
}

/// The SME's answer and how the consult ended.
struct ConsultAnswerRequest: StrictRequest {
    var answer: String?
    var outcome: SmeConsult.Outcome?
    enum CodingKeys: String, CodingKey, CaseIterable { case answer, outcome }
}

/// A vendor directory entry.
struct VendorRequest: StrictRequest {
    var name: String?
    var supportPhone: String?
    var supportEmail: String?
    var portalURL: String?
    var notes: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, supportPhone, supportEmail, portalURL, notes }
}

/// A client's contract number with a vendor.
struct VendorContractRequest: StrictRequest {
    var companyID: UUID?
    var contractNumber: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case companyID, contractNumber }
}

/// A new vendor case on a ticket.
struct VendorCaseRequest: StrictRequest {
    var vendorID: UUID?
    var caseNumber: String?
    var contact: String?
    var severity: VendorCase.Severity?
    var promisedResponseAt: Date?
    var followUpHours: Int?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case vendorID, caseNumber, contact, severity, promisedResponseAt, followUpHours
    }
}

/// A vendor case moving on, or the vendor's promise changing.
struct VendorCaseUpdateRequest: StrictRequest {
    var state: VendorCase.State?
    var promisedResponseAt: Date?
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case state, promisedResponseAt, note }
}

/// An escalation to a third party (04c.07).
struct ThirdPartyRequest: StrictRequest {
    var party: String?
    var reference: String?
    var contact: String?
    var escalated: String?
    var followUpHours: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case party, reference, contact, escalated, followUpHours }
}

/// The third party's report that it resolved the incident.
struct PartyResolvedRequest: StrictRequest {
    var resolution: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case resolution }
}

/// A handoff to the client's own IT (04c.08).
struct ClientITRequest: StrictRequest {
    var receivedBy: String?
    var handedOver: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case receivedBy, handedOver }
}

/// A reopen: within the window the ticket reopens, after it a linked ticket is opened.
struct ReopenRequest: StrictRequest {
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }
}
