import Fluent
import Foundation

/// An on-call rotation: members (user ids, in order, comma separated) handing off daily or weekly.
final class RotationModel: Model, @unchecked Sendable {
    static let schema = "rotations"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "timezone") var timezone: String
    /// "daily" or "weekly".
    @Field(key: "cadence") var cadence: String
    /// Weekly rotations: 0 = Monday.
    @OptionalField(key: "weekday") var weekday: Int?
    @Field(key: "handoff") var handoff: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "members") var members: String
    @Field(key: "created_at") var createdAt: Date
    /// Minutes a page has to be acknowledged before it moves up the chain.
    @OptionalField(key: "ack_minutes") var ackMinutes: Int?
    /// Whether this rotation takes the after-hours P1/P2 pages (the first by name when several do).
    @OptionalField(key: "after_hours") var afterHours: Bool?
    init() {}
}

/// Someone covering a rotation for a period.
final class RotationOverrideModel: Model, @unchecked Sendable {
    static let schema = "rotation_overrides"
    @ID(key: .id) var id: UUID?
    @Field(key: "rotation_id") var rotationID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
