import Fluent
import Foundation
import MendCore

/// Client messages as staff see them: a ticket's messages, status updates, the outbox and its failures.
struct MessageService {
    let db: any Database
    let services: MendServices

    func messages(_ reference: String, for principal: Principal) async throws -> [OutboxMessageResponse] {
        try principal.requireStaff("ticket")
        return try await messages(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func messages(of ticket: TicketModel) async throws -> [OutboxMessageResponse] {
        try await OutboxModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
            .map { Self.response($0, number: TicketNumber.format(ticket.number)) }
    }

    /// Saves the update as an onstage note (which restarts the update clock) and emails it to the contact.
    func sendUpdate(_ reference: String, _ request: StatusUpdateRequest, by principal: Principal) async throws
        -> StatusUpdateResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.required(request.body, "body", max: 20_000)
        try check.check()
        let body = try request.body.required("body").trimmed
        let note = NoteModel()
        let box = Box<OutboxModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            if ticket.status == TicketStatus.closed.rawValue {
                throw Problem(.conflict, "ticket-closed", "Ticket closed", detail: "A closed ticket gets no status updates.")
            }
            try await TicketNotes.add(body, visibility: .onstage, to: ticket, by: principal, into: note, on: tx, events: &events)
            box.value = try await ClientMessages(db: tx, services: services).queue(
                .statusUpdate, for: ticket, extra: ["update.body": body], events: &events)
        }
        return StatusUpdateResponse(
            noteID: note.id!, message: box.value.map { Self.response($0, number: TicketNumber.format(ticket.number)) })
    }

    /// The outbox, newest first, optionally in one state (pending, sent, failed).
    func outbox(state: String?, for principal: Principal) async throws -> [OutboxMessageResponse] {
        try principal.requireStaff("outbox")
        if let state, !["pending", "sent", "failed"].contains(state) {
            throw Problem.invalid("state", "must be pending, sent or failed")
        }
        let query = OutboxModel.query(on: db).sort(\.$createdAt, .descending).limit(200)
        if let state { query.filter(\.$state == state) }
        let rows = try await query.all()
        let tickets = try await TicketModel.query(on: db).filter(\.$id ~~ Set(rows.compactMap(\.ticketID))).all()
        let numbers = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, TicketNumber.format($0.number)) })
        return rows.map { Self.response($0, number: $0.ticketID.flatMap { numbers[$0] }) }
    }

    /// Sends a failed message again from the first attempt, after the cause was fixed.
    func retry(_ id: UUID, by principal: Principal) async throws -> OutboxMessageResponse {
        try principal.requireStaff("outbox")
        try principal.require(.ticketsWrite)
        return try await services.gate.transaction(on: db) { tx in
            guard let row = try await OutboxModel.find(id, on: tx) else { throw Problem.notFound("message") }
            guard row.state == "failed" else {
                throw Problem(.conflict, "message-not-failed", "Message not failed", detail: "Only a failed message is retried.")
            }
            row.state = "pending"
            row.attempts = 0
            row.nextAttemptAt = services.clock.now()
            row.leaseUntil = nil
            try await row.update(on: tx)
            return Self.response(row, number: nil)
        }
    }

    static func response(_ row: OutboxModel, number: String?) -> OutboxMessageResponse {
        OutboxMessageResponse(
            id: row.id!, channel: row.channel, ticket: number, template: row.template, recipient: row.recipient,
            subject: row.subject,
            messageID: row.messageID, state: row.state, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt,
            lastError: row.lastError, createdAt: row.createdAt, sentAt: row.sentAt)
    }
}
