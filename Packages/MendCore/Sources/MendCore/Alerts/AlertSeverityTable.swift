import Foundation

/// What a resolved monitoring alert does to its open ticket.
public enum ResolvedAlertAction: String, Sendable, Codable, CaseIterable {
    /// Add a backstage note only; an engineer decides.
    case note
    /// Also mark the service restored and tested by monitoring (Restored, verification pending); never Closed.
    case restore
}

/// Monitoring severity to impact and urgency (and so priority), configurable by an admin.
public struct AlertSeverityTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var impact: Impact
        public var urgency: Urgency

        public init(impact: Impact, urgency: Urgency) {
            self.impact = impact
            self.urgency = urgency
        }
    }

    /// Severity names in lower case.
    public var rows: [String: Row]
    /// For a severity the table does not name.
    public var fallback: Row
    public var resolvedAction: ResolvedAlertAction

    public init(rows: [String: Row], fallback: Row, resolvedAction: ResolvedAlertAction) {
        self.rows = rows
        self.fallback = fallback
        self.resolvedAction = resolvedAction
    }

    /// The row for a severity, case-insensitively, else the fallback.
    public func row(for severity: String?) -> Row {
        severity.flatMap { rows[$0.lowercased()] } ?? fallback
    }

    /// Shipped defaults: critical is P1, major/error P2, warning/minor P3, info P4; unknown severities P3.
    public static let standard = AlertSeverityTable(
        rows: [
            "critical": Row(impact: .high, urgency: .high), "page": Row(impact: .high, urgency: .high),
            "major": Row(impact: .high, urgency: .medium), "error": Row(impact: .high, urgency: .medium),
            "warning": Row(impact: .medium, urgency: .medium), "minor": Row(impact: .medium, urgency: .medium),
            "info": Row(impact: .low, urgency: .low), "none": Row(impact: .low, urgency: .low),
        ], fallback: Row(impact: .medium, urgency: .medium), resolvedAction: .note)

    /// The members of the JSON form.
    public static let fields = ["severities", "fallback", "resolved_action"]

    /// Parses `{"severities": {"critical": {"impact": "high", "urgency": "high"}, ...}, "fallback": {...},
    /// "resolved_action": "note" | "restore"}`, naming every bad field.
    public static func parse(object root: [String: Any]) throws(ValidationError) -> AlertSeverityTable {
        var check = FieldChecker()
        for key in root.keys.sorted() where !fields.contains(key) {
            check.add(key, "is not a severity table field (severities, fallback, resolved_action)")
        }
        func row(_ raw: Any?, _ field: String) -> Row? {
            guard let object = raw as? [String: Any] else {
                check.add(field, "must be an object with impact and urgency")
                return nil
            }
            for key in object.keys.sorted() where !["impact", "urgency"].contains(key) {
                check.add("\(field).\(key)", "is not a row field (impact, urgency)")
            }
            let impact = (object["impact"] as? String).flatMap(Impact.init(rawValue:))
            let urgency = (object["urgency"] as? String).flatMap(Urgency.init(rawValue:))
            if impact == nil { check.add("\(field).impact", "must be high, medium or low") }
            if urgency == nil { check.add("\(field).urgency", "must be high, medium or low") }
            guard let impact, let urgency else { return nil }
            return Row(impact: impact, urgency: urgency)
        }
        var rows: [String: Row] = [:]
        if let severities = root["severities"] as? [String: Any] {
            for (name, raw) in severities.sorted(by: { $0.key < $1.key }) {
                let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if key.isEmpty || name.unicodeScalars.count > 40 {
                    check.add("severities.\(name)", "must be a severity name of 1 to 40 characters")
                    continue
                }
                if let parsed = row(raw, "severities.\(name)") { rows[key] = parsed }
            }
        } else {
            check.add("severities", root["severities"] == nil ? "is required" : "must be an object of severities")
        }
        let fallback = row(root["fallback"], "fallback")
        var action = ResolvedAlertAction.note
        if let raw = root["resolved_action"] {
            if let text = raw as? String, let parsed = ResolvedAlertAction(rawValue: text) {
                action = parsed
            } else {
                check.add("resolved_action", "must be note or restore")
            }
        }
        try check.check()
        guard let fallback else { throw ValidationError(field: "fallback", "must be an object with impact and urgency") }
        return AlertSeverityTable(rows: rows, fallback: fallback, resolvedAction: action)
    }

    /// The JSON form.
    public var jsonObject: [String: Any] {
        func object(_ row: Row) -> [String: Any] { ["impact": row.impact.rawValue, "urgency": row.urgency.rawValue] }
        return [
            "severities": rows.mapValues(object), "fallback": object(fallback), "resolved_action": resolvedAction.rawValue,
        ]
    }
}
