import Fluent
import Foundation

/// One admin-edited document (JSON text) under a key, such as `alerts.severity_table`.
final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"
    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}
