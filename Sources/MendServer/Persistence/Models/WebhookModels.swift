import Fluent
import Foundation

/// An admin's webhook subscription. The secret is kept as is: signing needs it, unlike a token's check.
final class WebhookSubscriptionModel: Model, @unchecked Sendable {
    static let schema = "webhook_subscriptions"
    @ID(key: .id) var id: UUID?
    @Field(key: "url") var url: String
    @Field(key: "secret") var secret: String
    /// Event kinds, space separated, or `*`.
    @Field(key: "kinds") var kinds: String
    @Field(key: "description") var description: String
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// One attempt to deliver a webhook: what the receiver answered, or why nothing came back.
final class WebhookDeliveryModel: Model, @unchecked Sendable {
    static let schema = "webhook_deliveries"
    @ID(key: .id) var id: UUID?
    @Field(key: "outbox_id") var outboxID: UUID
    @Field(key: "subscription_id") var subscriptionID: UUID
    @Field(key: "event") var event: String
    @Field(key: "attempt") var attempt: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "status_code") var statusCode: Int?
    /// The start of the receiver's answer, for the admin reading the log.
    @OptionalField(key: "response") var response: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "duration_ms") var durationMs: Int
    init() {}
}

/// A portal sign-in link sent by email; only the token's hash is kept.
final class SignInLinkModel: Model, @unchecked Sendable {
    static let schema = "sign_in_links"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "email") var email: String
    @Field(key: "contact_id") var contactID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    init() {}
}
