import Foundation
import MendCore
import Vapor

/// A new subscription, or the changes to one (absent members keep their value).
struct WebhookRequest: StrictRequest {
    var url: String?
    var events: [String]?
    var description: String?
    var active: Bool?
    /// Optional on creation: Mend makes one when absent.
    var secret: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case url, events, description, active, secret }
}

/// A subscription; `secret` only in the answer that created or rotated it.
struct WebhookResponse: Content {
    var id: UUID
    var url: String
    var events: [String]
    var description: String
    var active: Bool
    var createdAt: Date
    var createdBy: String
    var updatedAt: Date
    var secret: String?
    /// The newest delivery attempt, for "is it working?" at a glance.
    var lastAttempt: WebhookAttemptResponse?
}

/// One attempt to deliver: the receiver's status and the start of its answer, or why there was none.
struct WebhookAttemptResponse: Content {
    var delivery: UUID
    var event: String
    var attempt: Int
    var at: Date
    var statusCode: Int?
    var response: String?
    var error: String?
    var durationMs: Int
    /// Where the delivery stands now: pending (to be retried), sent or failed.
    var state: String?
}
