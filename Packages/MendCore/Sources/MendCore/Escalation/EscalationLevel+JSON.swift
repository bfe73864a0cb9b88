import Foundation

/// The JSON form of a policy's levels, used by the API, the admin page and storage:
/// `[{"trigger": {"clock": "restoration", "percent": 50}, "actions": {"notify": {"roles": ["service_manager"],
/// "users": []}, "queue": "SME", "raise_priority": "p1", "page_rotation": "<rotation id>"}}]`; a trigger may
/// instead be `{"status": "in_progress", "minutes": 45}` or `{"timebox": true}` (the troubleshooting box used up).
extension EscalationLevel {
    /// Parses and validates a list of levels; every problem is named by its path, such as `levels[1].trigger.percent`.
    public static func parse(levels raw: Any?) throws(ValidationError) -> [EscalationLevel] {
        var check = FieldChecker()
        guard let list = raw as? [Any] else {
            throw ValidationError(field: "levels", raw == nil ? "is required" : "must be a list of levels")
        }
        if list.isEmpty { check.add("levels", "must have at least one level") }
        if list.count > 20 { check.add("levels", "must have at most 20 levels") }
        var levels: [EscalationLevel] = []
        for (index, item) in list.enumerated() {
            let field = "levels[\(index)]"
            guard let object = item as? [String: Any] else {
                check.add(field, "must be an object with trigger and actions")
                continue
            }
            for key in object.keys.sorted() where !["trigger", "actions"].contains(key) {
                check.add("\(field).\(key)", "is not a level field (trigger, actions)")
            }
            let trigger = parseTrigger(object["trigger"], field: "\(field).trigger", check: &check)
            let actions = parseActions(object["actions"], field: "\(field).actions", check: &check)
            if let trigger, let actions { levels.append(EscalationLevel(trigger: trigger, actions: actions)) }
        }
        try check.check()
        return levels
    }

    /// The JSON object of this level, the inverse of `parse`.
    public var jsonObject: [String: Any] {
        var trigger: [String: Any] = [:]
        switch self.trigger {
        case .clockShare(let clock, let percent):
            trigger = ["clock": clock.rawValue, "percent": percent]
        case .minutesInStatus(let status, let minutes):
            trigger = ["minutes": minutes]
            if let status { trigger["status"] = status.rawValue }
        case .timeboxUsed:
            trigger = ["timebox": true]
        }
        var actions: [String: Any] = [:]
        if !self.actions.notifyUsers.isEmpty || !self.actions.notifyRoles.isEmpty {
            actions["notify"] = ["users": self.actions.notifyUsers, "roles": self.actions.notifyRoles]
        }
        if let queue = self.actions.queue { actions["queue"] = queue }
        if let priority = self.actions.raisePriority { actions["raise_priority"] = priority.rawValue }
        if let rotation = self.actions.pageRotation { actions["page_rotation"] = rotation }
        return ["trigger": trigger, "actions": actions]
    }

    /// The JSON text of a list of levels, keys sorted.
    public static func jsonText(_ levels: [EscalationLevel]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: levels.map(\.jsonObject), options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Parses the stored JSON text.
    public static func parse(json text: String) throws(ValidationError) -> [EscalationLevel] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
            throw ValidationError(field: "levels", "must be JSON")
        }
        return try parse(levels: object)
    }

    private static func parseTrigger(_ raw: Any?, field: String, check: inout FieldChecker) -> EscalationTrigger? {
        guard let object = raw as? [String: Any] else {
            check.add(field, raw == nil ? "is required" : "must be an object: {clock, percent} or {status, minutes}")
            return nil
        }
        for key in object.keys.sorted() where !["clock", "percent", "status", "minutes", "timebox"].contains(key) {
            check.add("\(field).\(key)", "is not a trigger field (clock, percent, status, minutes, timebox)")
        }
        if let timebox = object["timebox"] {
            guard timebox as? Bool == true, object.count == 1 else {
                check.add("\(field).timebox", "must be true and stand alone: {\"timebox\": true}")
                return nil
            }
            return .timeboxUsed
        }
        if object["clock"] != nil || object["percent"] != nil {
            if object["status"] != nil || object["minutes"] != nil {
                check.add(field, "must be either a clock share or minutes in a status, not both")
                return nil
            }
            let clock = (object["clock"] as? String).flatMap(SlaClockKind.init(rawValue:))
            if clock == nil { check.add("\(field).clock", "must be response, restoration, resolution or update") }
            let percent = JSONInteger.value(object["percent"])
            if percent == nil { check.add("\(field).percent", "is required: a whole number of percent") }
            if let percent, !(0...1000).contains(percent) {
                check.add("\(field).percent", "must be between 0 and 1000 (percent of the clock's target)")
                return nil
            }
            guard let clock, let percent else { return nil }
            return .clockShare(clock, percent: percent)
        }
        var status: TicketStatus?
        if let text = object["status"] {
            status = (text as? String).flatMap(TicketStatus.init(known:))
            if !(status.map(EscalationPlan.watchedStatuses.contains) ?? false) {
                check.add("\(field).status", "must be an open status: new or a working status")
                return nil
            }
        }
        guard let minutes = JSONInteger.value(object["minutes"]) else {
            check.add(field, "needs clock and percent, or minutes (and optionally status)")
            return nil
        }
        if !(1...525_600).contains(minutes) {
            check.add("\(field).minutes", "must be between 1 and 525600")
            return nil
        }
        return .minutesInStatus(status, minutes: minutes)
    }

    private static func parseActions(_ raw: Any?, field: String, check: inout FieldChecker) -> EscalationActions? {
        guard let object = raw as? [String: Any] else {
            check.add(field, raw == nil ? "is required" : "must be an object")
            return nil
        }
        let before = check.problems.count
        for key in object.keys.sorted() where !["notify", "queue", "raise_priority", "page_rotation"].contains(key) {
            check.add("\(field).\(key)", "is not an action (notify, queue, raise_priority, page_rotation)")
        }
        var actions = EscalationActions()
        if let notify = object["notify"] {
            if let notify = notify as? [String: Any] {
                for key in notify.keys.sorted() where !["users", "roles"].contains(key) {
                    check.add("\(field).notify.\(key)", "is not a notify field (users, roles)")
                }
                actions.notifyUsers = strings(notify["users"], field: "\(field).notify.users", check: &check)
                actions.notifyRoles = strings(notify["roles"], field: "\(field).notify.roles", check: &check)
            } else {
                check.add("\(field).notify", "must be an object with users and roles")
            }
        }
        if let queue = object["queue"] {
            if let text = queue as? String, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                actions.queue = text.trimmingCharacters(in: .whitespaces)
            } else {
                check.add("\(field).queue", "must be a queue code")
            }
        }
        if let raw = object["raise_priority"] {
            actions.raisePriority = (raw as? String).flatMap { Priority(rawValue: $0.lowercased()) }
            if actions.raisePriority == nil { check.add("\(field).raise_priority", "must be p1, p2, p3 or p4") }
        }
        if let raw = object["page_rotation"] {
            if let text = raw as? String, UUID(uuidString: text) != nil {
                actions.pageRotation = text
            } else {
                check.add("\(field).page_rotation", "must be a rotation id")
            }
        }
        if check.problems.count == before && actions.isEmpty {
            check.add(field, "must do something: notify, queue, raise_priority or page_rotation")
        }
        return check.problems.count == before ? actions : nil
    }

    private static func strings(_ raw: Any?, field: String, check: inout FieldChecker) -> [String] {
        guard let raw else { return [] }
        guard let list = raw as? [String] else {
            check.add(field, "must be a list of texts")
            return []
        }
        return list
    }
}
