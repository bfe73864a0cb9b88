import Fluent
import Foundation
import MendCore

/// The message templates: shipped defaults, admins' versions, and previews with a ticket's fields.
struct TemplateService {
    let db: any Database
    let services: MendServices

    /// Values shown in a preview without a ticket, so every field reads like a real message.
    static let sample: [String: String] = [
        "ticket.number": "T-000123", "ticket.summary": "Site-to-site VPN down", "ticket.status": "In Progress",
        "ticket.priority": "P1 Critical", "ticket.resolution": "Re-keyed the VPN tunnel; the branch is back online.",
        "contact.name": "Dana Whitfield", "company.name": "Harbor Dental Group",
        "handoff.expectation": "We expect the VPN back within two hours.", "handoff.eta": "Fri 2026-11-27 16:00 America/New_York",
        "update.body": "The carrier found the fault; we expect service back by 16:00.",
        "restoration.test": "Branch reaches the CRM over the tunnel", "exit.party": "Fibrenet Carrier NOC",
        "exit.reference": "FN-2231", "exit.receivedBy": "Sam in your IT team", "exit.handedOver": "AD group policy change",
        "survey.url": "https://mend.example/survey/abc123",
    ]

    func list(for principal: Principal) async throws -> [TemplateResponse] {
        try principal.requireStaff("template")
        let rows = try await MessageTemplateModel.query(on: db).all()
        return MessageTemplate.Kind.allCases.map { kind in Self.response(kind, rows.first { $0.id == kind.rawValue }) }
    }

    func template(_ kind: String, for principal: Principal) async throws -> TemplateResponse {
        try principal.requireStaff("template")
        let kind = try Self.kind(kind)
        return Self.response(kind, try await MessageTemplateModel.find(kind.rawValue, on: db))
    }

    /// Saves an admin's version; unknown fields, blanks and unclosed braces are refused by name.
    func save(_ kind: String, _ request: TemplateRequest, by principal: Principal) async throws -> TemplateResponse {
        try principal.requireStaff("template")
        try principal.require(.contractsEdit)
        let kind = try Self.kind(kind)
        if request.ticket != nil { throw Problem.invalid("ticket", "is only for previews") }
        let template = try MessageTemplate(kind: kind, subject: request.subject, text: request.text, html: request.html)
        let row = try await MessageTemplateModel.find(kind.rawValue, on: db) ?? MessageTemplateModel()
        row.id = kind.rawValue
        row.subject = template.subject
        row.text = template.text
        row.html = template.html
        row.updatedAt = services.clock.now()
        row.updatedBy = principal.name
        try await row.save(on: db)
        return Self.response(kind, row)
    }

    /// Back to the shipped template.
    func reset(_ kind: String, by principal: Principal) async throws -> TemplateResponse {
        try principal.requireStaff("template")
        try principal.require(.contractsEdit)
        let kind = try Self.kind(kind)
        try await MessageTemplateModel.find(kind.rawValue, on: db)?.delete(on: db)
        return Self.response(kind, nil)
    }

    /// Renders a draft (or the current template) with a ticket's fields; a field the ticket lacks is a 422 naming it.
    func preview(_ kind: String, _ request: TemplateRequest, for principal: Principal) async throws -> PreviewResponse {
        try principal.requireStaff("template")
        let kind = try Self.kind(kind)
        let current = try await ClientMessages.template(kind, on: db)
        let template = try MessageTemplate(
            kind: kind, subject: request.subject ?? current.subject, text: request.text ?? current.text,
            html: request.html ?? current.html)
        var values = Self.sample
        values["msp.name"] = services.config.mspName
        values["msp.signature"] = services.config.mspSignature ?? "The \(services.config.mspName) service desk"
        values["msp.logoURL"] = services.config.mspLogoURL ?? ""
        if let reference = request.ticket?.trimmed, !reference.isEmpty {
            let ticket = try await TicketLoader(db: db).find(reference, for: principal)
            let contact = try await ticket.contactID.asyncMap { try await ContactModel.find($0, on: db) } ?? nil
            let fields = try await ClientMessages(db: db, services: services).fields(
                ticket: ticket, contactName: contact?.name ?? "")
            // The ticket's own values replace the samples; the kind's extra fields keep their samples.
            values.merge(fields) { _, own in own }
        }
        do {
            let message = try template.render(values)
            return PreviewResponse(subject: message.subject, text: message.text, html: message.html, ticket: request.ticket)
        } catch {
            throw Problem(
                .unprocessableEntity, "template-field-missing", "Template field missing", detail: error.explanation,
                field: error.missingFields.first)
        }
    }

    static func kind(_ text: String) throws -> MessageTemplate.Kind {
        guard let kind = MessageTemplate.Kind(rawValue: text) else { throw Problem.notFound("template") }
        return kind
    }

    static func response(_ kind: MessageTemplate.Kind, _ row: MessageTemplateModel?) -> TemplateResponse {
        let template =
            row.map { MessageTemplate(stored: kind, subject: $0.subject, text: $0.text, html: $0.html) }
            ?? DefaultTemplates.template(kind)
        return TemplateResponse(
            kind: kind.rawValue, title: kind.title, fields: MessageTemplate.commonFields + kind.fields,
            subject: template.subject, text: template.text, html: template.html, custom: row != nil,
            updatedAt: row?.updatedAt, updatedBy: row?.updatedBy)
    }
}
