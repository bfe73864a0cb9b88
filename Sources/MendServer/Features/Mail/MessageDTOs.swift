import Foundation
import MendCore
import Vapor

/// A status update for the client: saved as an onstage note and emailed with the status-update template.
struct StatusUpdateRequest: StrictRequest {
    var body: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case body }
}

/// An admin's template, or a draft to preview (`ticket` picks whose fields fill it).
struct TemplateRequest: StrictRequest {
    var subject: String?
    var text: String?
    var html: String?
    var ticket: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case subject, text, html, ticket }
}

/// One outgoing message and where it stands.
struct OutboxMessageResponse: Content {
    var id: UUID
    /// email or webhook.
    var channel: String
    var ticket: String?
    var template: String?
    var recipient: String
    var subject: String
    var messageID: String
    var state: String
    var attempts: Int
    var nextAttemptAt: Date?
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?
}

/// What sending a status update did: the note, and the message (absent when the contact has no email).
struct StatusUpdateResponse: Content {
    var noteID: UUID
    var message: OutboxMessageResponse?
}

/// A message template with the fields it may use and whether an admin changed it.
struct TemplateResponse: Content {
    var kind: String
    var title: String
    var fields: [String]
    var subject: String
    var text: String
    var html: String
    var custom: Bool
    var updatedAt: Date?
    var updatedBy: String?
}

/// A template rendered with a ticket's fields (or sample ones).
struct PreviewResponse: Content {
    var subject: String
    var text: String
    var html: String
    var ticket: String?
}
