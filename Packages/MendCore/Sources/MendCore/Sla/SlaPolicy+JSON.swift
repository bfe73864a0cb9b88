import Foundation

/// The JSON form of a policy, used by the API, the admin page and storage:
/// `{"name": "Standard", "warning_percent": 75, "targets": {"p1": {"response": {"minutes": 15,
/// "basis": "24x7", "paused_by": []}, ...}, ...}}`.
extension SlaPolicy {
    /// Statuses a policy may pause a clock on: working ones (the MSP's own among them) and Restored, never an exit
    /// or Closed.
    public static var pausableStatuses: [TicketStatus] { TicketStatus.working + [.restored] }
    /// The members of the JSON form.
    public static let fields = ["name", "warning_percent", "targets"]

    /// Parses and validates the JSON form; every problem is reported with its field.
    public static func parse(object root: [String: Any]) throws(ValidationError) -> SlaPolicy {
        var check = FieldChecker()
        for key in root.keys.sorted() where !fields.contains(key) {
            check.add(key, "is not a policy field (name, warning_percent, targets)")
        }
        let name = root["name"] as? String
        check.required(name, "name", max: 120)
        var warning = 75
        if let raw = root["warning_percent"] {
            if let value = JSONInteger.value(raw) {
                warning = value
                check.range(value, "warning_percent", 1...99)
            } else {
                check.add("warning_percent", "must be a whole number of percent")
            }
        }
        var targets: [Priority: [SlaClockKind: SlaTarget]] = [:]
        if let byPriority = root["targets"] as? [String: Any] {
            for (key, value) in byPriority.sorted(by: { $0.key < $1.key }) {
                guard let priority = Priority(rawValue: key) else {
                    check.add("targets.\(key)", "is not a priority (p1, p2, p3, p4)")
                    continue
                }
                guard let clocks = value as? [String: Any] else {
                    check.add("targets.\(key)", "must be an object of clocks")
                    continue
                }
                var row: [SlaClockKind: SlaTarget] = [:]
                for (clockKey, raw) in clocks.sorted(by: { $0.key < $1.key }) {
                    let field = "targets.\(key).\(clockKey)"
                    guard let kind = SlaClockKind(rawValue: clockKey) else {
                        check.add(field, "is not a clock (response, restoration, resolution, update)")
                        continue
                    }
                    if let target = parseTarget(raw, field: field, check: &check) { row[kind] = target }
                }
                targets[priority] = row
            }
        } else {
            check.add("targets", root["targets"] == nil ? "is required" : "must be an object of priorities")
        }
        try check.check()
        return SlaPolicy(
            name: (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines), warningPercent: warning, targets: targets)
    }

    /// Parses the JSON text form.
    public static func parse(json data: Data) throws(ValidationError) -> SlaPolicy {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw ValidationError(field: "policy", "must be a JSON object")
        }
        return try parse(object: root)
    }

    private static func parseTarget(_ raw: Any, field: String, check: inout FieldChecker) -> SlaTarget? {
        guard let object = raw as? [String: Any] else {
            check.add(field, "must be an object with minutes, basis and paused_by")
            return nil
        }
        let before = check.problems.count
        for key in object.keys.sorted() where !["minutes", "basis", "paused_by"].contains(key) {
            check.add("\(field).\(key)", "is not a target field (minutes, basis, paused_by)")
        }
        let minutes = JSONInteger.value(object["minutes"])
        if minutes == nil { check.add("\(field).minutes", "is required: a whole number of minutes") }
        check.range(minutes, "\(field).minutes", 1...525_600)
        let basis = (object["basis"] as? String).flatMap(SlaBasis.init(rawValue:))
        if basis == nil { check.add("\(field).basis", "must be \"business\" or \"24x7\"") }
        var paused = Set<TicketStatus>()
        if let list = object["paused_by"] {
            if let items = list as? [Any] {
                for (index, item) in items.enumerated() {
                    if let text = item as? String, let status = TicketStatus(rawValue: text), pausableStatuses.contains(status) {
                        paused.insert(status)
                    } else {
                        check.add(
                            "\(field).paused_by[\(index)]",
                            "must be one of " + pausableStatuses.map(\.rawValue).joined(separator: ", "))
                    }
                }
            } else {
                check.add("\(field).paused_by", "must be a list of statuses")
            }
        }
        guard check.problems.count == before, let minutes, let basis else { return nil }
        return SlaTarget(minutes: minutes, basis: basis, pausedBy: paused)
    }

    /// The JSON form as an object, keys in a stable order when serialized with sorted keys.
    public var jsonObject: [String: Any] {
        var byPriority: [String: Any] = [:]
        for (priority, row) in targets {
            var clocks: [String: Any] = [:]
            for (kind, target) in row {
                clocks[kind.rawValue] = [
                    "minutes": target.minutes, "basis": target.basis.rawValue,
                    "paused_by": TicketStatus.inOrder(target.pausedBy).map(\.rawValue),
                ]
            }
            byPriority[priority.rawValue] = clocks
        }
        return ["name": name, "warning_percent": warningPercent, "targets": byPriority]
    }

    /// The JSON text form with sorted keys.
    public var jsonData: Data {
        (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
