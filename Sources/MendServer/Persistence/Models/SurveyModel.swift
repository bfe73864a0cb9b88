import Fluent
import Foundation

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
