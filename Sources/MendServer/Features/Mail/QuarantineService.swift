import Fluent
import Foundation
import MendCore

/// The log of received mail and the quarantine: staff accept a sender (creating the contact, then filing
/// the mail as if it had just arrived) or discard the message.
struct QuarantineService {
    let db: any Database
    let services: MendServices

    static let states = ["delivered", "created", "reopened", "quarantined", "ignored", "accepted", "discarded"]

    func list(state: String?, for principal: Principal) async throws -> [InboundMailResponse] {
        try principal.requireStaff("mail")
        if let state, !Self.states.contains(state) {
            throw Problem.invalid("state", "must be one of \(Self.states.joined(separator: ", "))")
        }
        let query = InboundMailModel.query(on: db).sort(\.$receivedAt, .descending).limit(200)
        if let state { query.filter(\.$state == state) }
        let rows = try await query.all()
        let tickets = try await TicketModel.query(on: db).filter(\.$id ~~ Set(rows.compactMap(\.ticketID))).all()
        let numbers = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, TicketNumber.format($0.number)) })
        return rows.map {
            InboundMailResponse(
                id: $0.id!, sender: $0.sender, subject: $0.subject, state: $0.state, reason: $0.reason,
                ticket: $0.ticketID.flatMap { numbers[$0] }, receivedAt: $0.receivedAt, handledAt: $0.handledAt,
                handledBy: $0.handledBy)
        }
    }

    /// Creates the sender as a contact of `companyID` and files the mail.
    func accept(_ id: UUID, companyID: UUID?, name: String?, by principal: Principal) async throws
        -> InboundMailService.Outcome
    {
        try principal.requireStaff("mail")
        try principal.require(.ticketsWrite)
        let row = try await quarantined(id)
        guard let companyID else { throw Problem.invalid("companyID", "is required: the client the sender belongs to") }
        guard try await CompanyModel.find(companyID, on: db) != nil else {
            throw Problem.invalid("companyID", "is not a company")
        }
        guard let raw = Data(base64Encoded: row.raw), let mail = try? InboundMail.parse(raw) else {
            throw Problem(
                .conflict, "mail-unreadable", "Mail unreadable",
                detail: "This message cannot be read (\(row.reason ?? "")); it can only be discarded.")
        }
        var check = FieldChecker()
        check.length(name, "name", max: 200)
        try check.check()
        let contact = ContactModel()
        contact.id = UUID()
        contact.companyID = companyID
        contact.name = name.nonEmpty ?? mail.from.name ?? mail.from.address
        contact.email = mail.from.address
        try await contact.create(on: db)
        row.handledBy = principal.name
        return try await InboundMailService(db: db, services: services).deliver(mail, raw: raw, contact: contact, into: row)
    }

    func discard(_ id: UUID, by principal: Principal) async throws -> InboundMailResponse {
        try principal.requireStaff("mail")
        try principal.require(.ticketsWrite)
        let row = try await quarantined(id)
        row.state = "discarded"
        row.handledAt = services.clock.now()
        row.handledBy = principal.name
        try await services.gate.transaction(on: db) { tx in try await row.update(on: tx) }
        return InboundMailResponse(
            id: row.id!, sender: row.sender, subject: row.subject, state: row.state, reason: row.reason, ticket: nil,
            receivedAt: row.receivedAt, handledAt: row.handledAt, handledBy: row.handledBy)
    }

    private func quarantined(_ id: UUID) async throws -> InboundMailModel {
        guard let row = try await InboundMailModel.find(id, on: db) else { throw Problem.notFound("message") }
        guard row.state == "quarantined" else {
            throw Problem(
                .conflict, "not-quarantined", "Not in quarantine", detail: "This message was already \(row.state).")
        }
        return row
    }
}
