import Foundation
import MendCore

/// The escalation policies list.
struct EscalationOverviewPage: Encodable {
    struct Row: Encodable {
        var id: String
        var name: String
        var priority: String
        var priorityLevel: Int
        var scope: String
        var version: Int
        var levels: [String]
        var updated: String
    }

    var layout: LayoutContext
    var policies: [Row]
    var canEdit: Bool
}

/// One policy's form: a row per level (the stored ones and blanks to add), and its version history.
struct EscalationPolicyPage: Encodable {
    struct Check: Encodable {
        var name: String
        var label: String
        var checked: Bool
    }

    struct Level: Encodable {
        var index: Int
        var number: Int
        var triggers: [Option]
        var clocks: [Option]
        var percent: String
        var statuses: [Option]
        var minutes: String
        var roles: [Check]
        var users: [Check]
        var queues: [Option]
        var raises: [Option]
        var rotations: [Option]
    }

    struct Version: Encodable {
        var version: Int
        var created: String
        var by: String
        var levels: [String]
    }

    var layout: LayoutContext
    var id: String?
    var version: Int
    var name: String
    var priorities: [Option]
    var contracts: [Option]
    var levels: [Level]
    var history: [Version]
    var errors: [FieldProblem]
    var canEdit: Bool
    var saved: Bool

    /// What the form's selects and checkboxes can offer.
    struct Choices {
        var roles: [(key: String, name: String)]
        var users: [(id: String, name: String)]
        var queues: [(key: String, name: String)]
        var rotations: [(id: String, name: String)]
        var contracts: [(id: String, name: String)]
    }

    /// The level rows for stored levels (or a refused form's values), with blank rows to add more.
    static func levels(_ stored: [EscalationLevel], form: [String: String]?, choices: Choices) -> [Level] {
        let count = form.map { f in (0..<20).last { f["L\($0)-trigger"] != nil }.map { $0 + 1 } ?? 3 } ?? max(stored.count + 1, 3)
        return (0..<min(count, 20)).map { i in
            let level = i < stored.count ? stored[i] : nil
            func value(_ key: String, _ fallback: String) -> String { form.map { $0["L\(i)-\(key)"] ?? "" } ?? fallback }
            var trigger = "none", clock = "response", percent = "", status = "", minutes = ""
            switch level?.trigger {
            case .clockShare(let c, let p)?: (trigger, clock, percent) = ("clock", c.rawValue, String(p))
            case .minutesInStatus(let s, let m)?: (trigger, status, minutes) = ("status", s?.rawValue ?? "", String(m))
            case .timeboxUsed?: trigger = "timebox"
            case nil: break
            }
            trigger = value("trigger", trigger)
            clock = value("clock", clock)
            status = value("status", status)
            let actions = level?.actions ?? EscalationActions()
            func checked(_ key: String, _ stored: Bool) -> Bool { form.map { $0["L\(i)-\(key)"] != nil } ?? stored }
            let queue = value("queue", actions.queue ?? "")
            let raise = value("raise", actions.raisePriority?.rawValue ?? "")
            let page = value("page", actions.pageRotation?.uppercased() ?? "")
            return Level(
                index: i, number: i + 1,
                triggers: [
                    ("none", "— no level —"), ("clock", "Share of an SLA clock"), ("status", "Minutes without progress"),
                    ("timebox", "Troubleshooting time box used up"),
                ]
                .map { Option(value: $0.0, label: $0.1, selected: $0.0 == trigger) },
                clocks: SlaClockKind.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == clock) },
                percent: value("percent", percent),
                statuses: [Option(value: "", label: "any open status", selected: status.isEmpty)]
                    + EscalationPlan.watchedStatuses.map {
                        Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == status)
                    },
                minutes: value("minutes", minutes),
                roles: choices.roles.map {
                    Check(
                        name: "L\(i)-role-\($0.key)", label: $0.name,
                        checked: checked("role-\($0.key)", actions.notifyRoles.contains($0.key)))
                },
                users: choices.users.map { user in
                    Check(
                        name: "L\(i)-user-\(user.id)", label: user.name,
                        checked: checked("user-\(user.id)", actions.notifyUsers.contains { $0.uppercased() == user.id }))
                },
                queues: [Option(value: "", label: "— keep —", selected: queue.isEmpty)]
                    + choices.queues.map { Option(value: $0.key, label: $0.name, selected: $0.key == queue) },
                raises: [Option(value: "", label: "— keep —", selected: raise.isEmpty)]
                    + Priority.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == raise) },
                rotations: [Option(value: "", label: "— nobody —", selected: page.isEmpty)]
                    + choices.rotations.map { Option(value: $0.id, label: $0.name, selected: $0.id == page) })
        }
    }

    /// The API's JSON object from the submitted form; rows whose trigger is "none" are left out.
    static func object(from form: [String: String], choices: Choices) -> [String: Any] {
        var levels: [[String: Any]] = []
        for i in 0..<20 {
            guard let trigger = form["L\(i)-trigger"], trigger != "none" else { continue }
            func number(_ key: String) -> Any {
                let text = (form["L\(i)-\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
                return Int(text).map { $0 as Any } ?? text
            }
            var triggerObject: [String: Any] = [:]
            if trigger == "clock" {
                triggerObject = ["clock": form["L\(i)-clock"] ?? "", "percent": number("percent")]
            } else if trigger == "timebox" {
                triggerObject = ["timebox": true]
            } else {
                triggerObject = ["minutes": number("minutes")]
                if let status = form["L\(i)-status"], !status.isEmpty { triggerObject["status"] = status }
            }
            var actions: [String: Any] = [:]
            let roles = choices.roles.map(\.key).filter { form["L\(i)-role-\($0)"] != nil }
            let users = choices.users.map(\.id).filter { form["L\(i)-user-\($0)"] != nil }
            if !roles.isEmpty || !users.isEmpty { actions["notify"] = ["roles": roles, "users": users] }
            if let queue = form["L\(i)-queue"], !queue.isEmpty { actions["queue"] = queue }
            if let raise = form["L\(i)-raise"], !raise.isEmpty { actions["raise_priority"] = raise }
            if let page = form["L\(i)-page"], !page.isEmpty { actions["page_rotation"] = page }
            levels.append(["trigger": triggerObject, "actions": actions])
        }
        var object: [String: Any] = ["name": form["name"] ?? "", "priority": form["priority"] ?? "", "levels": levels]
        if let contract = form["contractID"], !contract.isEmpty { object["contractID"] = contract }
        return object
    }

    /// "At 50% of the restoration clock: notify service_manager; raise to P1".
    static func summary(_ level: EscalationLevel, number: Int) -> String {
        "L\(number): at \(level.trigger.text) → \(level.actions.text)"
    }
}
