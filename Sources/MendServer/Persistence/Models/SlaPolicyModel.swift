import Fluent
import Foundation

/// An SLA policy row: its JSON definition (MendCore's `SlaPolicy` form) and an edit counter.
final class SlaPolicyModel: Model, @unchecked Sendable {
    static let schema = "sla_policies"
    /// The Standard policy seeded by the migration; contracts without a policy use the default one.
    static let standardID = UUID(uuidString: "00000000-0000-0000-0000-00000000517a")!
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "definition") var definition: String
    @Field(key: "version") var version: Int
    @Field(key: "is_default") var isDefault: Bool
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}
