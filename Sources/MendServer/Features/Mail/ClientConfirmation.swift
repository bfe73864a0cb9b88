import Fluent
import Foundation
import MendCore
import Vapor

/// The client's own answer to "restored, please verify": "it works" confirms the restoration, "still broken"
/// sends the work back; recorded as a verification attempt through the portal.
struct ConfirmationRequest: StrictRequest {
    var works: Bool?
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case works, note }
}

struct ClientConfirmation {
    let db: any Database
    let services: MendServices

    func record(_ reference: String, _ request: ConfirmationRequest, by principal: Principal) async throws -> TicketModel {
        guard principal.isClient else {
            throw Problem(
                .forbidden, "clients-only", "For the client",
                detail: "Staff record the client's answer as a verification attempt instead.")
        }
        guard let works = request.works else { throw Problem.invalid("works", "is required: true (it works) or false") }
        var check = FieldChecker()
        check.length(request.note, "note", max: 2_000)
        try check.check()
        let now = services.clock.now()
        return try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard ticket.status == TicketStatus.restored.rawValue else {
                throw Problem(
                    .conflict, "not-restored", "Nothing to confirm yet",
                    detail: "The ticket is not waiting for your check: we will ask when service is restored.")
            }
            try await TicketRestoration.verify(
                VerificationRequest(channel: .portal, outcome: works ? .confirmed : .stillBroken, note: request.note.nonEmpty),
                on: ticket, by: principal, at: now, settings: services.config.lifecycle,
                into: VerificationModel(), on: tx, events: &events)
            if let note = request.note.nonEmpty {
                try await TicketNotes.add(
                    note, visibility: .onstage, to: ticket, by: principal, into: NoteModel(), on: tx, events: &events)
            }
            try await ClientActivityNotices(db: tx, services: services).notify(
                .confirmation(works: works), on: ticket, now: events.at)
        }
    }
}
