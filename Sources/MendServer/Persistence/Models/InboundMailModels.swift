import Fluent
import Foundation

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
