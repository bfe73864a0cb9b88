import Fluent
import MendCore
import Vapor

/// Applies a status transition: optional resolution note and exit record first, then MendCore's rules.
struct TicketTransition {
    let ticket: TicketModel
    let request: TransitionTicketRequest
    let principal: Principal
    let reopenWindow: Int

    func apply(on db: any Database, events: inout EventRecorder) async throws {
        var check = FieldChecker()
        check.length(request.reason, "reason", max: 2_000)
        check.length(request.resolutionNote, "resolutionNote", max: 20_000)
        check.length(request.exitParty, "exitParty", max: 200)
        check.length(request.exitReference, "exitReference", max: 200)
        if request.exitReference != nil && request.exitParty == nil { check.add("exitParty", "is required with exitReference") }
        try check.check()
        guard let from = TicketStatus(rawValue: ticket.status) else { throw Problem.notFound("ticket") }
        if let party = request.exitParty?.trimmed, !party.isEmpty {
            guard [.escalatedOut, .handedOff].contains(request.to) else {
                throw Problem.invalid("exitParty", "is only accepted when moving to escalated_out or handed_off")
            }
            ticket.exitParty = party
            ticket.exitReference = request.exitReference?.trimmed
            events.record(
                .exitRecorded, summary: "Exit to \(party)" + (ticket.exitReference.map { " (ref \($0))" } ?? ""),
                after: ["party": party, "reference": ticket.exitReference ?? ""])
        }
        if let text = request.resolutionNote?.trimmed, !text.isEmpty {
            let note = NoteModel()
            try await TicketNotes.add(
                text, visibility: .onstage, to: ticket, by: principal, into: note, on: db, events: &events, isResolution: true)
        }
        let facts = ticket.exitFacts
        let kind = try TransitionRules.check(
            TransitionRequest(
                from: from, to: request.to, facts: facts, reason: request.reason, now: events.at,
                exitedAt: ticket.exitedAt, reopenWindowSeconds: reopenWindow))
        ticket.status = request.to.rawValue
        switch kind {
        case .reopen:
            ticket.reopenCount += 1
            ticket.restoredTested = false
            ticket.verificationAttempted = false
            ticket.resolution = nil
            ticket.exitParty = nil
            ticket.exitReference = nil
            ticket.closedAt = nil
            events.record(
                .reopened, .onstage, summary: "Reopened: \(request.reason ?? "")",
                before: ["status": from.rawValue], after: ["status": request.to.rawValue, "reason": request.reason ?? ""])
        case .move:
            if TicketStatus.exits.contains(request.to) { ticket.exitedAt = events.at }
            if request.to == .closed { ticket.closedAt = events.at }
            events.statusChanged(from: from, to: request.to, reason: request.reason?.trimmed)
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
