import Foundation
import Vapor

/// A troubleshooting step.
struct DiagnosisStepResponse: Content {
    var id: UUID
    var step: String
    var finding: String?
    var minutes: Int
    var byName: String
    var at: Date
}

/// A ticket's troubleshooting: its steps, the time box and the checklist of its type.
struct DiagnosisResponse: Content {
    var ticket: String
    var steps: [DiagnosisStepResponse]
    var timeboxMinutes: Int
    var timeboxEndsAt: Date?
    var timeboxUsedUp: Bool
    var checklist: TicketChecklistResponse?
}

/// The checklist of a ticket's type with the steps ticked on this ticket.
struct TicketChecklistResponse: Content {
    var ticketType: String
    var items: [String]
    var done: [Int]
}

/// An admin's checklist.
struct ChecklistResponse: Content {
    var id: UUID
    var ticketType: String
    var items: [String]
    var updatedAt: Date
    var updatedBy: String
}

/// The troubleshooting time box per priority.
struct TimeboxResponse: Content {
    var minutes: [String: Int]
}

/// A part request.
struct PartResponse: Content {
    var id: UUID
    var ticket: String
    var item: String
    var quantity: Int
    var supplier: String?
    var rmaNumber: String?
    var purchaseOrder: String?
    var carrier: String?
    var trackingNumber: String?
    var eta: Date?
    var state: String
    var nextStates: [String]
    var awaited: Bool
    var requestedBy: String
    var createdAt: Date
    var updatedAt: Date
}

/// An onsite visit.
struct AppointmentResponse: Content {
    var id: UUID
    var ticket: String
    var ticketSummary: String?
    var engineerID: UUID
    var engineerName: String
    var siteID: UUID?
    var siteName: String
    var startsAt: Date
    var endsAt: Date
    var state: String
    var note: String?
    var checkedInAt: Date?
    var checkedOutAt: Date?
}

/// One engineer's visits on a day.
struct DispatchBoardResponse: Content {
    struct Row: Content {
        var engineerID: UUID
        var engineerName: String
        var visits: [AppointmentResponse]
    }

    /// The first day shown, and how many days the board spans from it.
    var date: String
    var days: Int
    var timezone: String
    var engineers: [Row]
}

/// A consult with an SME.
struct ConsultResponse: Content {
    var id: UUID
    var ticket: String
    var toUserID: UUID?
    var toQueueID: UUID?
    var toName: String
    var question: String
    var urgency: String
    var respondBy: Date
    var overdue: Bool
    var askedBy: String
    var createdAt: Date
    var answer: String?
    var outcome: String?
    var answeredBy: String?
    var answeredAt: Date?
}

/// A vendor with the clients' contract numbers.
struct VendorResponse: Content {
    struct Contract: Content {
        var companyID: UUID
        var companyName: String
        var contractNumber: String
    }

    var id: UUID
    var name: String
    var supportPhone: String?
    var supportEmail: String?
    var portalURL: String?
    var notes: String?
    var contracts: [Contract]
}

/// A vendor case.
struct VendorCaseResponse: Content {
    var id: UUID
    var ticket: String
    var vendorID: UUID
    var vendorName: String
    var contractNumber: String?
    var caseNumber: String
    var contact: String?
    var severity: String
    var state: String
    var promisedResponseAt: Date?
    var followUpHours: Int
    var nextFollowUpAt: Date?
    var openedBy: String
    var createdAt: Date
}

/// Where a ticket left Tier 2 to.
struct TicketExitResponse: Content {
    var id: UUID
    var ticket: String
    var kind: String
    var party: String
    var reference: String?
    var contact: String?
    var summary: String
    var followUpHours: Int?
    var nextFollowUpAt: Date?
    var partyResolvedAt: Date?
    var partyResolution: String?
    var recordedBy: String
    var createdAt: Date
}

/// The answer to a reopen: the ticket reopened, or the new ticket linked to it.
struct ReopenResponse: Content {
    var outcome: String
    var ticket: TicketResponse
    var linkedFrom: String?
}

/// A recorded exit and whether the ticket left Tier 2 with it: when gates are still unmet it stays, and
/// `unmetGates` says what to do first.
struct ExitOutcomeResponse: Content {
    var exit: TicketExitResponse
    var status: String
    var left: Bool
    var unmetGates: [GateResponse]
}
