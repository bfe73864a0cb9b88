import Fluent
import Foundation
import MendCore
import SQLKit
import Vapor

/// The portal's emailed one-time sign-in link. Asking says the same for every address, so the form tells
/// nobody who is a client; the link signs in the contact it was sent to, once, within its lifetime.
struct SignInLinkService {
    let db: any Database
    let services: MendServices

    /// The outbox's name for sign-in mails: their text is removed once sent, as it carries a live link.
    static let template = "sign_in_link"
    static let redacted = "(removed after sending: it held a one-time sign-in link)"

    /// What every request is answered, sent or not.
    static let acknowledgement =
        "If that address belongs to a client contact, a sign-in link is on its way. It works once, within "
        + "\(SignInLink.lifetimeSeconds / 60) minutes."

    /// Mails a link to the contact with this address, unless there is none, it is a staff account's,
    /// or it had its hourly share of links.
    func request(email raw: String?) async throws {
        var check = FieldChecker()
        check.required(raw, "email", max: 320)
        let email = (raw ?? "").trimmed.lowercased()
        if !email.isEmpty, !DirectoryRules.isEmail(email) {
            check.add("email", "is not an email address")
        }
        try check.check()
        let now = services.clock.now()
        try await services.gate.transaction(on: db) { tx in
            guard let contact = try await ContactModel.find(email: email, on: tx),
                case .allowed = try await Self.login(for: contact, email: email, on: tx)
            else { return }
            let recent = try await SignInLinkModel.query(on: tx).filter(\.$email == email)
                .filter(\.$createdAt > now.addingTimeInterval(-3_600)).count()
            guard SignInLink.mayRequest(recent: recent) else { return }
            let token = Data.random(count: 32).base64URLEncoded
            let link = SignInLinkModel()
            link.id = UUID()
            link.tokenHash = TokenService.hash(token)
            link.email = email
            link.contactID = contact.id!
            link.createdAt = now
            link.expiresAt = now.addingTimeInterval(Double(SignInLink.lifetimeSeconds))
            try await link.create(on: tx)
            try await queueMail(
                to: contact, email: email, url: "\(services.config.publicURL)/login/link/\(token)", at: now, on: tx)
        }
    }

    /// The link behind a token and the address it was sent to, with why it is closed (used, expired); 404 when unknown.
    func open(_ token: String) async throws -> (link: SignInLinkModel, closed: String?) {
        guard let link = try await SignInLinkModel.query(on: db).filter(\.$tokenHash == TokenService.hash(token)).first()
        else { throw Problem.notFound("sign-in link") }
        return (link, SignInLink.closedReason(expiresAt: link.expiresAt, usedAt: link.usedAt, now: services.clock.now()))
    }

    /// Uses the link up and returns the contact's login, made on first use (a portal login without a password).
    func consume(_ token: String) async throws -> UUID {
        let now = services.clock.now()
        let (found, _) = try await open(token)
        return try await services.gate.transaction(on: db) { tx in
            // Marked used with a guarded update: of two tabs opening the link at once, one signs in.
            struct Claimed: Decodable { var id: UUID }
            let claimed = try await tx.sql.update(SignInLinkModel.schema)
                .set("used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(found.id!)).where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThanOrEqual, SQLBind(now))
                .returning("id").first(decoding: Claimed.self)
            guard claimed != nil, let link = try await SignInLinkModel.find(found.id, on: tx) else {
                // Nothing claimed: expired, or used (by the other tab) since it was opened.
                let reason =
                    SignInLink.closedReason(expiresAt: found.expiresAt, usedAt: found.usedAt, now: now)
                    ?? SignInLink.closedReason(expiresAt: found.expiresAt, usedAt: now, now: now) ?? "The link was used."
                throw Problem(.gone, "link-closed", "Sign-in link closed", detail: reason)
            }
            guard let contact = try await ContactModel.find(link.contactID, on: tx) else { throw Problem.notFound("contact") }
            guard case .allowed(let existing) = try await Self.login(for: contact, email: link.email, on: tx) else {
                throw Problem(.gone, "link-closed", "Sign-in link closed", detail: "This account cannot sign in by link.")
            }
            if let existing { return existing.id! }
            let user = UserModel()
            user.id = UUID()
            user.email = link.email
            user.name = contact.name
            user.roleKey = "client_contact"
            user.companyID = contact.companyID
            user.contactID = contact.id
            user.active = true
            try await user.create(on: tx)
            return user.id!
        }
    }

    enum Login {
        /// The contact's portal login (nil: none yet, made on first sign-in).
        case allowed(UserModel?)
        /// A staff account (they sign in with their password) or a deactivated login.
        case refused
    }

    /// Whose login a link for this contact and address signs in to.
    static func login(for contact: ContactModel, email: String, on db: any Database) async throws -> Login {
        if let user = try await UserModel.query(on: db).filter(\.$email == email).first() {
            return user.active && user.contactID != nil ? .allowed(user) : .refused
        }
        if let user = try await UserModel.query(on: db).filter(\.$contactID == contact.id!).first() {
            return user.active ? .allowed(user) : .refused
        }
        return .allowed(nil)
    }

    private func queueMail(to contact: ContactModel, email: String, url: String, at now: Date, on tx: any Database) async throws {
        let config = services.config
        let message = SignInLink.message(
            mspName: config.mspName, signature: config.mspSignature ?? "The \(config.mspName) service desk",
            contactName: contact.name, url: url)
        let row = OutboxEmail(config: config).row(
            to: MailAddress(email, name: contact.name), subject: message.subject, text: message.text, html: message.html,
            template: Self.template, ticketID: nil, at: now)
        try await row.create(on: tx)
    }
}

extension ContactModel {
    /// The contact with this email address, compared without case.
    static func find(email address: String, on db: any Database) async throws -> ContactModel? {
        struct Row: Decodable { var id: UUID }
        let row = try await db.sql.select().column("id").from(ContactModel.schema)
            .where(SQLFunction("lower", args: SQLColumn("email")), .equal, SQLBind(address.lowercased()))
            .first(decoding: Row.self)
        guard let row else { return nil }
        return try await ContactModel.find(row.id, on: db)
    }
}

extension Request {
    var signInLinks: SignInLinkService { SignInLinkService(db: db, services: application.mend) }
}
