import Fluent
import MendCore
import Vapor

/// 04c.02: the restoration test and the verification attempts with the client. The rules are MendCore's; here
/// the attempts are stored and the restored ticket's "please verify" message is queued.
enum TicketRestoration {
    static func record(
        _ request: RestorationRequest, on ticket: TicketModel, messages: ClientMessages, events: inout EventRecorder
    ) async throws {
        let now = events.at
        let result = try ticket.change(&events) { t in
            try t.recordRestorationTest(request.test, result: request.result, now: now)
        }
        if result.status == .restored {
            try await messages.queue(
                .restoredVerify, for: ticket, extra: ["restoration.test": request.test.trimmed], events: &events)
        }
    }

    static func verify(
        _ request: VerificationRequest, on ticket: TicketModel, by principal: Principal, at now: Date,
        settings: LifecycleSettings, into attempt: VerificationModel, on db: any Database, events: inout EventRecorder
    ) async throws {
        try ticket.aggregate().requireOpen("Verification")
        let earlier = try await attemptsSinceLastReopen(of: ticket, on: db)
        try ticket.change(&events) { t in
            try t.recordVerification(
                channel: request.channel, outcome: request.outcome, now: now, earlier: earlier, settings: settings)
        }
        attempt.id = UUID()
        attempt.ticketID = try ticket.requireID()
        attempt.channel = request.channel.rawValue
        attempt.outcome = request.outcome.rawValue
        attempt.note = request.note
        attempt.byID = principal.userID
        attempt.byName = principal.name
        attempt.at = now
        try await attempt.create(on: db)
    }

    /// The attempts that belong to the current restoration: those after the last reopen, in time order.
    static func attemptsSinceLastReopen(of ticket: TicketModel, on db: any Database) async throws -> [VerificationAttempt] {
        let id = try ticket.requireID()
        let reopened = try await EventModel.query(on: db).filter(\.$ticketID == id)
            .filter(\.$kind == EventKind.reopened.rawValue).sort(\.$at, .descending).first()?.at
        var query = VerificationModel.query(on: db).filter(\.$ticketID == id)
        if let reopened { query = query.filter(\.$at >= reopened) }
        return try await query.sort(\.$at).all().map { row in
            VerificationAttempt(
                at: row.at, outcome: try StoredValue.read(VerificationOutcome.self, row.outcome, column: "outcome"))
        }
    }
}
