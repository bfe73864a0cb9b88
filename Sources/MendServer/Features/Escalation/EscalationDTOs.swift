import Foundation
import MendCore
import Vapor

/// An escalation policy as the API shows it; `levels` is the MendCore JSON form.
struct EscalationPolicyResponse: Content {
    var id: UUID
    var name: String
    var priority: Priority
    var contractID: UUID?
    var version: Int
    var levels: [EscalationLevelBody]
    var updatedAt: Date
    var updatedBy: String
}

/// One stored version of a policy's levels.
struct EscalationPolicyVersionResponse: Content {
    var version: Int
    var levels: [EscalationLevelBody]
    var createdAt: Date
    var createdBy: String
}

/// A level in its JSON form (see docs/escalation.md).
struct EscalationLevelBody: Content {
    struct Trigger: Content {
        var clock: SlaClockKind?
        var percent: Int?
        var status: TicketStatus?
        var minutes: Int?
        var timebox: Bool?
    }

    struct Notify: Content {
        var users: [String]
        var roles: [String]
    }

    struct Actions: Content {
        var notify: Notify?
        var queue: String?
        var raise_priority: Priority?
        var page_rotation: String?
    }

    var trigger: Trigger
    var actions: Actions

    init(_ level: EscalationLevel) {
        switch level.trigger {
        case .clockShare(let clock, let percent): trigger = Trigger(clock: clock, percent: percent)
        case .minutesInStatus(let status, let minutes): trigger = Trigger(status: status, minutes: minutes)
        case .timeboxUsed: trigger = Trigger(timebox: true)
        }
        let a = level.actions
        actions = Actions(
            notify: a.notifyUsers.isEmpty && a.notifyRoles.isEmpty ? nil : Notify(users: a.notifyUsers, roles: a.notifyRoles),
            queue: a.queue, raise_priority: a.raisePriority, page_rotation: a.pageRotation)
    }
}

/// An escalation by hand: functional (to a person, a queue or a named party) or hierarchical (to the
/// service managers, or one named person), always with a reason.
struct ManualEscalationRequest: StrictRequest {
    var kind: String
    var reason: String?
    var toUserID: UUID?
    var toQueueID: UUID?
    var party: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, reason, toUserID, toQueueID, party }
}
