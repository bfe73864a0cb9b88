import Fluent
import Foundation

/// One outgoing message, written in the transaction of the change that caused it and sent after commit.
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "outbox"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "channel") var channel: String
    @OptionalField(key: "template") var template: String?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "message_id") var messageID: String
    /// The whole message as sent: RFC 5322 text for email.
    @Field(key: "payload") var payload: String
    /// pending, sent or failed.
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    /// While a sender holds the message; another process leaves it alone until then.
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    init() {}
}

/// An admin's version of a message template (the shipped default applies while there is none).
final class MessageTemplateModel: Model, @unchecked Sendable {
    static let schema = "message_templates"
    @ID(custom: "kind", generatedBy: .user) var id: String?
    @Field(key: "subject") var subject: String
    @Field(key: "text") var text: String
    @Field(key: "html") var html: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String
    init() {}
}

/// One message that came in by mail, kept whatever became of it (the raw text base64, so any byte survives).
final class InboundMailModel: Model, @unchecked Sendable {
    static let schema = "inbound_mail"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "message_id") var messageID: String?
    @Field(key: "sender") var sender: String
    @Field(key: "subject") var subject: String
    /// delivered, created, reopened, quarantined, ignored, accepted, discarded.
    @Field(key: "state") var state: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "raw") var raw: String
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "handled_at") var handledAt: Date?
    @OptionalField(key: "handled_by") var handledBy: String?
    init() {}
}

/// A file that came with a client's mail.
final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "attachments"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @OptionalField(key: "note_id") var noteID: UUID?
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A satisfaction survey sent on resolution.
final class SurveyModel: Model, @unchecked Sendable {
    static let schema = "surveys"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "rating") var rating: Int?
    @OptionalField(key: "comment") var comment: String?
    init() {}
}
