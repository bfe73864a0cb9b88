import Fluent
import MendCore
import Vapor

/// 04c.02: the restoration test and the verification attempts with the client.
enum TicketRestoration {
    static func record(
        _ request: RestorationRequest, on ticket: TicketModel, messages: ClientMessages, events: inout EventRecorder
    ) async throws {
        guard let status = TicketStatus(rawValue: ticket.status), status.isOpen else {
            throw Problem(
                .conflict, "ticket-not-open", "Ticket not open", detail: "Restoration can only be recorded on an open ticket.")
        }
        let test = request.test.trimmed
        guard request.result == .passed else {
            events.record(
                .restorationTested, summary: "Restoration test failed: \(test)",
                after: ["test": test, "result": request.result.rawValue])
            return
        }
        guard StatusMachine.targets(from: status).contains(.restored) else {
            throw TicketError.illegalTransition(from: status, to: .restored, allowed: StatusMachine.targets(from: status))
        }
        ticket.restoredTested = true
        ticket.status = TicketStatus.restored.rawValue
        events.record(
            .restorationTested, summary: "Restoration test passed: \(test)",
            after: ["test": test, "result": request.result.rawValue])
        events.statusChanged(from: status, to: .restored)
        try await messages.queue(.restoredVerify, for: ticket, extra: ["restoration.test": test], events: &events)
    }

    static func verify(
        _ request: VerificationRequest, on ticket: TicketModel, by principal: Principal, at now: Date,
        unansweredNeeded: Int,
        into attempt: VerificationModel, on db: any Database, events: inout EventRecorder
    ) async throws {
        guard let status = TicketStatus(rawValue: ticket.status), status.isOpen else {
            throw Problem(
                .conflict, "ticket-not-open", "Ticket not open", detail: "Verification can only be recorded on an open ticket.")
        }
        attempt.id = UUID()
        attempt.ticketID = ticket.id!
        attempt.channel = request.channel.rawValue
        attempt.outcome = request.outcome.rawValue
        attempt.note = request.note
        attempt.byID = principal.userID
        attempt.byName = principal.name
        attempt.at = now
        try await attempt.create(on: db)
        events.record(
            .verificationAttempted, .onstage,
            summary:
                "Verification by \(request.channel.rawValue): \(request.outcome.rawValue.replacingOccurrences(of: "_", with: " "))",
            after: ["channel": request.channel.rawValue, "outcome": request.outcome.rawValue])
        guard request.outcome != .stillBroken else {
            // "Still broken" sends the work back: the restoration no longer counts.
            ticket.restoredTested = false
            ticket.verificationAttempted = false
            if status == .restored {
                ticket.status = TicketStatus.inProgress.rawValue
                events.statusChanged(from: status, to: .inProgress, detail: "client reports still broken")
            }
            return
        }
        // Attempts before the last reopen belong to the earlier resolution.
        let reopened = try await EventModel.query(on: db).filter(\.$ticketID == ticket.id!)
            .filter(\.$kind == EventKind.reopened.rawValue).sort(\.$at, .descending).first()?.at
        var query = VerificationModel.query(on: db).filter(\.$ticketID == ticket.id!)
        if let reopened { query = query.filter(\.$at >= reopened) }
        let outcomes = try await query.sort(\.$at).all().compactMap { VerificationOutcome(rawValue: $0.outcome) }
        ticket.verificationAttempted = VerificationRule.gateMet(outcomes, unansweredNeeded: unansweredNeeded)
    }
}
