import Fluent
import Foundation
import MendCore
import SQLKit

/// Mail from clients: a reply lands on its ticket as an onstage message from the contact (reopening a ticket
/// that left Tier 2, or opening a linked one after the window), a new mail opens a ticket, an unknown sender
/// waits in quarantine, robots are ignored. Every message is kept with its raw text, whatever became of it.
struct InboundMailService {
    let db: any Database
    let services: MendServices

    /// Larger attachments stay only in the raw message; the note says so.
    static let maxAttachmentBytes = 10 * 1_024 * 1_024

    /// What became of one message.
    struct Outcome: Sendable {
        var id: UUID
        var state: String
        var ticket: String?
        var reason: String?
    }

    func receive(_ raw: Data, by principal: Principal) async throws -> Outcome {
        try principal.requireStaff("mail")
        try principal.require(.ticketsWrite)
        guard !raw.isEmpty else { throw Problem.invalid("body", "is empty: send the whole message as message/rfc822") }
        let mail: InboundMail
        do {
            mail = try InboundMail.parse(raw)
        } catch {
            return try await record(raw, mail: nil, state: "quarantined", reason: "unreadable: \(error.reason)")
        }
        if let id = mail.messageID, let earlier = try await InboundMailModel.query(on: db).filter(\.$messageID == id).first() {
            // The MTA delivered it again (a retry after a timeout): one message, one result.
            return Outcome(
                id: earlier.id!, state: "duplicate", ticket: try await number(earlier.ticketID),
                reason: "already received (\(earlier.state))")
        }
        if let id = mail.messageID, try await OutboxModel.query(on: db).filter(\.$messageID == id).count() > 0 {
            return try await record(raw, mail: mail, state: "ignored", reason: "Mend's own message came back")
        }
        if let why = mail.automatic {
            return try await record(raw, mail: mail, state: "ignored", reason: "automatic mail: \(why)")
        }
        guard let contact = try await contact(mail.from.address) else {
            return try await record(raw, mail: mail, state: "quarantined", reason: "unknown sender \(mail.from.address)")
        }
        return try await deliver(mail, raw: raw, contact: contact, into: nil)
    }

    /// Files the mail on its ticket, or opens one; `existing` is the quarantined record being accepted.
    func deliver(_ mail: InboundMail, raw: Data, contact: ContactModel, into existing: InboundMailModel?) async throws
        -> Outcome
    {
        let principal = try await Self.principal(for: contact, on: db)
        let text = QuotedHistory.strip(mail.body)
        let body = text.isEmpty ? "(no text)" : text
        let tickets = TicketService(db: db, services: services)
        if let ticket = try await ticket(for: mail) {
            guard ticket.companyID == contact.companyID else {
                return try await record(
                    raw, mail: mail, state: "quarantined", reason: "\(mail.from.address) is not a contact of the ticket's client",
                    existing: existing)
            }
            let status = try ticket.typedStatus
            let decision = ReopenDecision.decide(
                exitedAt: ticket.exitedAt, now: services.clock.now(), windowSeconds: services.config.reopenWindowSeconds)
            if !status.isOpen && decision == .newLinkedTicket {
                let created = try await open(mail, body: body, by: principal, linkedFrom: ticket)
                return try await record(raw, mail: mail, state: "created", reason: nil, ticketID: created.id, existing: existing)
            }
            let settings = services.config.lifecycle
            _ = try await tickets.mutate(TicketNumber.format(ticket.number), ifMatch: nil, by: principal) {
                ticket, tx, events in
                if !status.isOpen {
                    try await TicketTransition(
                        ticket: ticket,
                        request: TransitionTicketRequest(to: .inProgress, reason: "Client replied by email: \(mail.subject)"),
                        principal: principal, settings: settings
                    ).apply(on: tx, events: &events)
                }
                let note = NoteModel()
                try await TicketNotes.add(
                    Self.noteText(body, mail: mail), visibility: .onstage, to: ticket, by: principal, into: note, on: tx,
                    events: &events)
                try await Self.store(mail.attachments, ticket: ticket, note: note, at: events.at, on: tx)
                let activity: ClientActivityNotices.Activity =
                    status.isOpen ? .reply(channel: "email") : .reopen(reason: "replied by email: \(mail.subject)")
                try await ClientActivityNotices(db: tx, services: services).notify(activity, on: ticket, now: events.at)
            }
            return try await record(
                raw, mail: mail, state: status.isOpen ? "delivered" : "reopened", reason: nil, ticketID: ticket.id,
                existing: existing)
        }
        let created = try await open(mail, body: body, by: principal, linkedFrom: nil)
        return try await record(raw, mail: mail, state: "created", reason: nil, ticketID: created.id, existing: existing)
    }

    /// A new ticket from the mail, for the contact's company (linked to `linkedFrom` after a late reply).
    private func open(_ mail: InboundMail, body: String, by principal: Principal, linkedFrom: TicketModel?) async throws
        -> TicketModel
    {
        let subject = mail.subject.isEmpty ? "(no subject)" : mail.subject
        let request = CreateTicketRequest(
            summary: String(subject.prefix(TicketDraft.Limits.summary)), description: Self.noteText(body, mail: mail),
            type: nil, subtype: nil, impact: nil, urgency: nil, source: .email, companyID: principal.clientCompanyID,
            contactID: nil, siteID: nil, queueID: nil, assigneeID: nil, configurationItem: nil)
        let link = linkedFrom.map {
            (id: $0.id!, number: TicketNumber.format($0.number), reason: "client replied by email after the window")
        }
        let ticket = try await TicketService(db: db, services: services).create(
            request, by: principal, linkedFrom: link, clientSource: .email)
        if !mail.attachments.isEmpty {
            _ = try await TicketService(db: db, services: services).mutate(
                TicketNumber.format(ticket.number), ifMatch: nil, by: principal, replayClocks: false
            ) { ticket, tx, events in
                try await Self.store(mail.attachments, ticket: ticket, note: nil, at: events.at, on: tx)
                events.record(
                    .noteAdded, .onstage, summary: "\(mail.attachments.count) attachment(s) from \(principal.name)",
                    after: ["by": "client"])
            }
        }
        return ticket
    }

    private static func noteText(_ body: String, mail: InboundMail) -> String {
        let big = mail.attachments.filter { $0.data.count > maxAttachmentBytes }.map(\.filename)
        let small = mail.attachments.filter { $0.data.count <= maxAttachmentBytes }.map(\.filename)
        var text = body
        if !small.isEmpty { text += "\n\nAttached: " + small.joined(separator: ", ") }
        if !big.isEmpty {
            text += "\n\nOver the 10 MB attachment limit, kept with the original mail only: " + big.joined(separator: ", ")
        }
        return text
    }

    private static func store(
        _ attachments: [InboundMail.Attachment], ticket: TicketModel, note: NoteModel?, at: Date, on db: any Database
    ) async throws {
        for file in attachments where file.data.count <= maxAttachmentBytes {
            let row = AttachmentModel()
            row.id = UUID()
            row.ticketID = ticket.id!
            row.noteID = note?.id
            row.filename = String(file.filename.prefix(200))
            row.contentType = String(file.contentType.prefix(100))
            row.size = file.data.count
            row.data = file.data
            row.createdAt = at
            try await row.create(on: db)
        }
    }

    /// The ticket a reply belongs to: the subject tag, the thread ids, or a message of ours it answers.
    private func ticket(for mail: InboundMail) async throws -> TicketModel? {
        for number in ([mail.subjectTicket].compactMap { $0 } + mail.referencedTickets) {
            if let n = TicketNumber.parse(number), let ticket = try await TicketModel.query(on: db).filter(\.$number == n).first()
            {
                return ticket
            }
        }
        guard !mail.references.isEmpty,
            let ours = try await OutboxModel.query(on: db).filter(\.$messageID ~~ mail.references).first(),
            let id = ours.ticketID
        else { return nil }
        return try await TicketModel.find(id, on: db)
    }

    private func contact(_ address: String) async throws -> ContactModel? {
        try await ContactModel.find(email: address, on: db)
    }

    /// The contact as a client principal: its user when it has one, otherwise the contact itself.
    static func principal(for contact: ContactModel, on db: any Database) async throws -> Principal {
        let user = try await UserModel.query(on: db).filter(\.$contactID == contact.id!).filter(\.$active == true).first()
        return Principal(
            userID: user?.id ?? contact.id!, name: contact.name, email: contact.email ?? "", roleKey: "client_contact",
            roleName: "Client contact", permissions: [.ticketsWrite], clientCompanyID: contact.companyID,
            contactID: contact.id)
    }

    private func number(_ id: UUID?) async throws -> String? {
        guard let id, let ticket = try await TicketModel.find(id, on: db) else { return nil }
        return TicketNumber.format(ticket.number)
    }

    @discardableResult
    private func record(
        _ raw: Data, mail: InboundMail?, state: String, reason: String?, ticketID: UUID? = nil,
        existing: InboundMailModel? = nil
    ) async throws -> Outcome {
        let row = existing ?? InboundMailModel()
        if existing == nil {
            row.id = UUID()
            row.messageID = mail?.messageID
            row.sender = mail?.from.address ?? "(unreadable)"
            row.subject = String((mail?.subject ?? "").prefix(500))
            row.raw = raw.base64EncodedString()
            row.receivedAt = services.clock.now()
        } else {
            row.handledAt = services.clock.now()
        }
        row.state = existing != nil && state != "quarantined" ? "accepted" : state
        row.reason = reason
        row.ticketID = ticketID
        try await services.gate.transaction(on: db) { tx in try await row.save(on: tx) }
        return Outcome(id: row.id!, state: state, ticket: try await number(ticketID), reason: reason)
    }
}
