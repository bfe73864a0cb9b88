import Foundation

/// One troubleshooting step of 04c.01: what was tried, what was found, how long it took.
public struct DiagnosisStep: Sendable, Equatable {
    public var step: String
    public var finding: String?
    public var minutes: Int

    /// Validates a step; every problem is named by its field.
    public init(step: String?, finding: String?, minutes: Int?) throws(ValidationError) {
        var check = FieldChecker()
        check.required(step, "step", max: 500)
        check.length(finding, "finding", max: 4_000)
        if let minutes { check.range(minutes, "minutes", 0...TimeEntryRules.maxMinutes) }
        try check.check()
        self.step = (step ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let finding = finding?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.finding = finding?.isEmpty == true ? nil : finding
        self.minutes = minutes ?? 0
    }
}

/// How long troubleshooting may run per priority before the ticket must be restored or escalated (04c.01).
public struct TroubleshootingBox: Sendable, Equatable {
    /// Minutes per priority.
    public var minutes: [Priority: Int]

    /// Half an hour for a P1 up to half a day for a P4: long enough to try the obvious, short enough to
    /// bring help before the restoration target is at risk.
    public static let standard = TroubleshootingBox(minutes: [.p1: 30, .p2: 60, .p3: 120, .p4: 240])

    public init(minutes: [Priority: Int]) { self.minutes = minutes }

    /// The box for `priority` (the standard one when unset).
    public func minutes(for priority: Priority) -> Int {
        minutes[priority] ?? Self.standard.minutes[priority] ?? 240
    }

    /// When a box opened at `start` is used up.
    public func endsAt(start: Instant, priority: Priority) -> Instant {
        start.addingTimeInterval(Double(minutes(for: priority) * 60))
    }

    /// Troubleshooting starts when the first step began: the step's time minus the minutes it took.
    public static func start(firstStepAt at: Instant, minutes: Int) -> Instant {
        at.addingTimeInterval(-Double(minutes * 60))
    }

    /// Whether the box is used up: past its end while the ticket is open and not restored.
    public static func isUsedUp(endsAt: Instant?, status: TicketStatus, now: Instant) -> Bool {
        guard let endsAt else { return false }
        return status.isOpen && status != .restored && now >= endsAt
    }

    /// Parses `{"p1": 30, "p2": 60, ...}`; each value 5 to 1440 minutes.
    public static func parse(_ raw: Any?) throws(ValidationError) -> TroubleshootingBox {
        guard let object = raw as? [String: Any] else { throw ValidationError(field: "minutes", "must be an object p1..p4") }
        var check = FieldChecker()
        var minutes: [Priority: Int] = [:]
        for key in object.keys.sorted() {
            guard let priority = Priority(rawValue: key) else {
                check.add("minutes.\(key)", "is not a priority (p1, p2, p3, p4)")
                continue
            }
            guard let value = JSONInteger.value(object[key]), (5...1_440).contains(value) else {
                check.add("minutes.\(key)", "must be a whole number of minutes between 5 and 1440")
                continue
            }
            minutes[priority] = value
        }
        for priority in Priority.allCases where minutes[priority] == nil && object[priority.rawValue] == nil {
            check.add("minutes.\(priority.rawValue)", "is required")
        }
        try check.check()
        return TroubleshootingBox(minutes: minutes)
    }

    /// The JSON object form, keyed p1..p4.
    public var json: [String: Int] {
        Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0.rawValue, minutes(for: $0)) })
    }
}
