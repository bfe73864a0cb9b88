import Foundation
import MendCore
import Vapor

/// A new rotation: members are staff user ids in order; `weekday` (mon..sun) for weekly ones.
struct RotationRequest: StrictRequest {
    var name: String
    var timezone: String
    var cadence: String
    var weekday: String?
    var handoff: String
    var startDate: String
    var members: [UUID]
    /// Minutes a page has to be acknowledged before it moves up the chain (default 15).
    var ackMinutes: Int?
    /// Whether this rotation takes the after-hours P1/P2 pages.
    var afterHours: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, timezone, cadence, weekday, handoff, startDate, members, ackMinutes, afterHours
    }
}

/// Someone covering a rotation from `startsAt` to `endsAt`.
struct RotationOverrideRequest: StrictRequest {
    var userID: UUID
    var startsAt: Date
    var endsAt: Date

    enum CodingKeys: String, CodingKey, CaseIterable { case userID, startsAt, endsAt }
}

struct RotationMember: Content {
    var id: UUID
    var name: String
}

struct RotationShiftResponse: Content {
    var start: Date
    var end: Date
    var userID: UUID
    var name: String
    var isOverride: Bool
}

/// A rotation with who is on call now and the shifts of the next four weeks.
struct RotationResponse: Content {
    var id: UUID
    var name: String
    var timezone: String
    var cadence: String
    var weekday: String?
    var handoff: String
    var startDate: String
    var ackMinutes: Int
    var afterHours: Bool
    var members: [RotationMember]
    var onCallNow: RotationMember?
    var shifts: [RotationShiftResponse]
}

/// Who is on call at an instant, per rotation.
struct OnCallResponse: Content {
    struct Item: Content {
        var rotationID: UUID
        var rotation: String
        var userID: UUID?
        var name: String?
        var shiftStart: Date?
        var shiftEnd: Date?
        var isOverride: Bool
    }

    var at: Date
    var items: [Item]
}
