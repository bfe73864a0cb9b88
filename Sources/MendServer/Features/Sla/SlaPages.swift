import Fluent
import MendCore
import Vapor

/// The SLA overview: what is at risk now, the policies, and each contract's policy and calendar.
struct SlaOverviewPage: Encodable {
    struct PolicyRow: Encodable {
        var id: String
        var name: String
        var version: Int
        var isDefault: Bool
        var summary: String
    }
    struct ContractRow: Encodable {
        var id: String
        var company: String
        var name: String
        var coverage: String
        var policy: String
        var timezone: String
        var calendarIsDefault: Bool
    }
    struct RiskRow: Encodable {
        var number: String
        var summary: String
        var company: String
        var priority: String
        var priorityLevel: Int
        var flag: String
        var nearest: String
    }

    var layout: LayoutContext
    var atRisk: [RiskRow]
    var policies: [PolicyRow]
    /// "51–100 of 194", and the pages before and after.
    var atRiskShown: String
    var previousPage: String?
    var nextPage: String?
    var contracts: [ContractRow]
    var canEdit: Bool
}

/// One policy's form: a grid of priorities by clocks, each with minutes, basis and pausing statuses.
struct SlaPolicyPage: Encodable {
    struct Check: Encodable {
        var name: String
        var label: String
        var checked: Bool
    }
    struct Cell: Encodable {
        var key: String
        var title: String
        var minutes: String
        var business: Bool
        var paused: [Check]
    }
    struct Row: Encodable {
        var priority: String
        var title: String
        var cells: [Cell]
    }

    var layout: LayoutContext
    var id: String?
    var name: String
    var warningPercent: String
    var version: Int
    var rows: [Row]
    var errors: [FieldProblem]
    var canEdit: Bool
}

/// A contract's SLA form: its policy and its business calendar, one line of ranges per weekday.
struct ContractSlaPage: Encodable {
    var layout: LayoutContext
    var contractID: String
    var contractName: String
    var company: String
    var coverage: String
    var policies: [Option]
    var useDefault: Bool
    var timezone: String
    var days: [CalendarForm.Day]
    var holidays: String
    var errors: [FieldProblem]
    var canEdit: Bool
}

extension SlaPolicyPage {
    /// The form for `policy` as stored, or for the values a person just sent (`form`) when they were refused.
    init(
        layout: LayoutContext, id: String?, version: Int, policy: SlaPolicy?, form: [String: String]?, errors: [FieldProblem],
        canEdit: Bool
    ) {
        self.layout = layout
        self.id = id
        self.version = version
        self.errors = errors
        self.canEdit = canEdit
        name = form?["name"] ?? policy?.name ?? ""
        warningPercent = form?["warning_percent"] ?? String(policy?.warningPercent ?? 75)
        rows = Priority.allCases.map { priority in
            Row(
                priority: priority.rawValue, title: priority.title,
                cells: SlaClockKind.allCases.map { kind in
                    let key = "\(priority.rawValue)-\(kind.rawValue)"
                    let target = policy?.targets[priority]?[kind]
                    return Cell(
                        key: key, title: kind.title,
                        minutes: form.map { $0["\(key)-minutes"] ?? "" } ?? target.map { String($0.minutes) } ?? "",
                        business: form.map { $0["\(key)-basis"] != "24x7" } ?? (target?.basis != .always),
                        paused: SlaPolicy.pausableStatuses.map { status in
                            Check(
                                name: "\(key)-paused-\(status.rawValue)", label: status.title,
                                checked: form.map { $0["\(key)-paused-\(status.rawValue)"] != nil }
                                    ?? (target?.pausedBy.contains(status) ?? false))
                        })
                })
        }
    }

    /// The policy JSON object a submitted form stands for; `SlaPolicy.parse` judges it and names bad fields.
    static func object(from form: [String: String]) -> [String: Any] {
        var targets: [String: Any] = [:]
        for priority in Priority.allCases {
            var clocks: [String: Any] = [:]
            for kind in SlaClockKind.allCases {
                let key = "\(priority.rawValue)-\(kind.rawValue)"
                // A blank target means the clock is not measured for this priority.
                guard let minutes = form["\(key)-minutes"]?.trimmed, !minutes.isEmpty else { continue }
                clocks[kind.rawValue] = [
                    "minutes": Int(minutes).map { $0 as Any } ?? minutes, "basis": form["\(key)-basis"] ?? "business",
                    "paused_by": SlaPolicy.pausableStatuses.filter { form["\(key)-paused-\($0.rawValue)"] != nil }.map(
                        \.rawValue),
                ]
            }
            targets[priority.rawValue] = clocks
        }
        let percent = form["warning_percent"]?.trimmed ?? ""
        return ["name": form["name"] ?? "", "warning_percent": Int(percent).map { $0 as Any } ?? percent, "targets": targets]
    }
}

extension ContractSlaPage {
    /// The contract SLA JSON object a submitted form stands for.
    static func object(from form: [String: String]) -> [String: Any] {
        let policy = form["slaPolicyID"]?.trimmed ?? ""
        var object: [String: Any] = ["slaPolicyID": policy.isEmpty ? NSNull() : policy]
        if form["useDefault"] != nil {
            object["calendar"] = NSNull()
            return object
        }
        object["calendar"] = CalendarForm.object(from: form)
        return object
    }
}
