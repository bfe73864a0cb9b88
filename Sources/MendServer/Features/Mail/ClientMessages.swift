import Fluent
import Foundation
import MendCore

/// Writes a client message into the outbox, in the transaction of the change that caused it, with an
/// onstage event saying what the client was sent. The outbox sender delivers it after commit.
struct ClientMessages {
    let db: any Database
    let services: MendServices

    /// Queues the `kind` message to the ticket's contact; `extra` carries the kind's own fields.
    /// A contact without an email, or a template field this ticket lacks, is recorded instead of sent.
    @discardableResult
    func queue(
        _ kind: MessageTemplate.Kind, for ticket: TicketModel, extra: [String: String] = [:], events: inout EventRecorder
    ) async throws -> OutboxModel? {
        // A ticket nobody reported (a monitoring alert) has nobody to write to.
        guard let contactID = ticket.contactID, let contact = try await ContactModel.find(contactID, on: db) else {
            return nil
        }
        guard let email = contact.email?.trimmed, !email.isEmpty else {
            events.record(
                .messageNotSent, summary: "\(kind.title) message not sent: the ticket's contact has no email address",
                after: ["template": kind.rawValue])
            return nil
        }
        let template = try await Self.template(kind, on: db)
        let values = try await fields(ticket: ticket, contactName: contact.name).merging(extra) { _, new in new }
        let rendered: RenderedMessage
        do {
            rendered = try template.render(values)
        } catch {
            events.record(
                .messageNotSent, summary: "\(kind.title) message not sent: \(error.explanation)",
                after: ["template": kind.rawValue, "missing": error.missingFields.joined(separator: ",")])
            return nil
        }
        let number = TicketNumber.format(ticket.number)
        let outbox = OutboxEmail(config: services.config)
        let row = outbox.row(
            to: MailAddress(email, name: contact.name), subject: MailMessage.taggedSubject(rendered.subject, ticket: number),
            text: rendered.text, html: rendered.html, template: kind.rawValue, ticketID: ticket.id,
            threadRoot: "\(number)@\(outbox.domain)", at: events.at)
        try await row.create(on: db)
        events.record(
            .clientMessage, .onstage, summary: "Email to \(contact.name): \(row.subject)",
            after: ["template": kind.rawValue, "outboxID": row.id!.uuidString, "messageID": row.messageID, "to": email])
        return row
    }

    /// The message a status change sends by itself: the acknowledgement when Tier 2 takes a new ticket,
    /// and the exit messages; with the fields they need from the ticket's records.
    func queueForStatusChange(_ ticket: TicketModel, from before: String, events: inout EventRecorder) async throws {
        guard ticket.status != before else { return }
        let status = try ticket.typedStatus
        switch status {
        case .assigned where before == TicketStatus.new.rawValue,
            .inProgress where [TicketStatus.new.rawValue, TicketStatus.assigned.rawValue].contains(before):
            // Once per ticket: Tier 2 taking it, whether it was assigned first or picked up at once.
            let sent = try await OutboxModel.query(on: db).filter(\.$ticketID == ticket.id!)
                .filter(\.$template == MessageTemplate.Kind.acknowledged.rawValue).count()
            if sent == 0 { try await queue(.acknowledged, for: ticket, events: &events) }
        case .resolved:
            try await queue(.resolved, for: ticket, events: &events)
            try await SurveyService(db: db, services: services).send(for: ticket, events: &events)
        case .escalatedOut:
            try await queue(
                .escalatedOut, for: ticket,
                extra: ["exit.party": ticket.exitParty ?? "", "exit.reference": ticket.exitReference ?? ""], events: &events)
        case .handedOff:
            let record = try await TicketExitModel.query(on: db).filter(\.$ticketID == ticket.id!)
                .filter(\.$kind == TicketExitKind.clientIT.rawValue).sort(\.$createdAt, .descending).first()
            try await queue(
                .handedOff, for: ticket,
                extra: [
                    "exit.receivedBy": record?.contact ?? ticket.exitParty ?? "",
                    "exit.handedOver": record?.summary ?? ticket.resolution ?? "",
                ], events: &events)
        default:
            return
        }
    }

    /// The fields every template may use, from the ticket, its contact and company, and the MSP.
    func fields(ticket: TicketModel, contactName: String) async throws -> [String: String] {
        let company = try await CompanyModel.find(ticket.companyID, on: db)
        let msp = services.config.mspName
        return [
            "msp.name": msp, "msp.signature": services.config.mspSignature ?? "The \(msp) service desk",
            "msp.logoURL": services.config.mspLogoURL ?? "", "ticket.number": TicketNumber.format(ticket.number),
            "ticket.summary": ticket.summary, "ticket.status": ClientView.status(try ticket.typedStatus),
            "ticket.priority": Priority(rawValue: ticket.priority)?.title ?? ticket.priority,
            "ticket.resolution": ticket.resolution ?? "", "contact.name": contactName, "company.name": company?.name ?? "",
        ]
    }

    /// The admins' template of `kind`, or the shipped one.
    static func template(_ kind: MessageTemplate.Kind, on db: any Database) async throws -> MessageTemplate {
        guard let row = try await MessageTemplateModel.find(kind.rawValue, on: db) else {
            return DefaultTemplates.template(kind)
        }
        return MessageTemplate(stored: kind, subject: row.subject, text: row.text, html: row.html)
    }
}
