import Fluent
import Foundation

/// One applied version of the process definition; the newest is in force. Versions are kept, never changed, so an
/// event's `process_version` always names the document it ran under.
final class ProcessVersionModel: Model, @unchecked Sendable {
    static let schema = "process_definitions"
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    /// The document as JSON text (`ProcessDefinition.json()`).
    @Field(key: "body") var body: String
    @Field(key: "applied_at") var appliedAt: Date
    @Field(key: "applied_by") var appliedBy: String
    init() {}
}
