import Fluent
import Foundation

/// One outgoing message, written in the transaction of the change that caused it and sent after commit.
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "outbox"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    /// email or webhook.
    @Field(key: "channel") var channel: String
    /// The webhook subscription a delivery is for; its secret signs each attempt.
    @OptionalField(key: "subscription_id") var subscriptionID: UUID?
    @OptionalField(key: "template") var template: String?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "message_id") var messageID: String
    /// The whole message as sent: RFC 5322 text for email, the JSON body for a webhook.
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
