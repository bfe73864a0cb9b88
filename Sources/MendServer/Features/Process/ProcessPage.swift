import Foundation
import MendCore

/// What the process page shows of a definition: names everywhere a key stands in the document.
struct ProcessPage: Encodable {
    struct Status: Encodable {
        var key: String
        var name: String
        var clientName: String
        var kind: String
        var pauses: String
        /// "MSP-04c", or for a status of the MSP's own the module status its time reports as.
        var origin: String
    }

    struct Retired: Encodable {
        var key: String
        var name: String
        var reportsAs: String
        var becomes: String
    }

    struct Move: Encodable {
        var from: String
        var to: String
        var how: String
        var gates: [String]
    }

    struct Role: Encodable {
        var key: String
        var name: String
        var permissions: String
        var holder: String
    }

    struct Subprocess: Encodable {
        var id: String
        var name: String
        var purpose: String
        var statuses: String
        var tasks: [ProcessTaskRow]
        var checklists: [ProcessChecklist]
    }

    struct Condition: Encodable {
        var text: String
        var gates: String
    }

    struct Version: Encodable {
        var version: Int
        var at: String
        var by: String
    }

    var layout: LayoutContext
    var module: String
    var name: String
    var organisation: String
    var version: Int
    var statuses: [Status]
    var retired: [Retired]
    var moves: [Move]
    var roles: [Role]
    var subprocesses: [Subprocess]
    var entry: [Condition]
    var exit: [Condition]
    var history: [Version]
    var canApply: Bool
    /// The text in the apply form: what was typed when refused, else the version in force to edit.
    var document: String
    var refusal: FormRefusal.View?
    var notice: String?

    init(
        _ definition: ProcessDefinition, history: [ProcessStore.Version], canApply: Bool, typed: String?,
        refusal: FormRefusal.View?, notice: String?, layout: LayoutContext
    ) {
        self.layout = layout
        module = definition.module
        name = definition.name
        organisation = definition.organisation
        version = definition.version
        let statusName = Dictionary(definition.statuses.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        statuses = definition.statuses.map { status in
            let pauses = status.pauses.isEmpty ? "none" : status.pauses.joined(separator: ", ")
            return Status(
                key: status.key, name: status.name, clientName: status.clientName,
                kind: status.kind.rawValue + (status.outcome.map { " (\($0.rawValue))" } ?? ""),
                pauses: status.reportsAs == nil || status.pauses.isEmpty ? pauses : pauses + " (under every policy)",
                origin: status.reportsAs.map { "yours; its time reports as \(statusName[$0] ?? $0)" } ?? definition.module)
        }
        retired = (definition.retired ?? []).map {
            Retired(
                key: $0.key, name: $0.name, reportsAs: statusName[$0.reportsAs] ?? $0.reportsAs,
                becomes: statusName[$0.becomes] ?? $0.becomes)
        }
        func names(_ selectors: [String]) -> String {
            ProcessRules.expand(selectors, in: definition.statuses).map { statusName[$0] ?? $0 }.joined(separator: ", ")
        }
        moves = definition.moves.map { move in
            Move(
                from: names(move.from), to: names(move.to),
                how: Self.how(move.kind),
                gates: move.gates.map { requirement in
                    requirement.names.compactMap(ExitGate.init(rawValue:)).map(\.title).joined(separator: " or ")
                })
        }
        roles = definition.roles.map {
            Role(
                key: $0.key, name: $0.name, permissions: $0.permissions.joined(separator: ", "),
                holder: $0.client ? "client's people" : ($0.onsite ? "staff, goes on site" : "staff"))
        }
        let rows = Dictionary(grouping: ProcessReports.tasks(definition, runs: [:]).map(ProcessTaskRow.init), by: \.subprocess)
        subprocesses = definition.subprocesses.map { sub in
            Subprocess(
                id: sub.id, name: sub.name, purpose: sub.purpose,
                statuses: sub.statuses.map { statusName[$0] ?? $0 }.joined(separator: ", "), tasks: rows[sub.id] ?? [],
                checklists: sub.checklists)
        }
        func conditions(_ list: [ProcessCondition]) -> [Condition] {
            list.map {
                Condition(
                    text: $0.text, gates: $0.gates.compactMap(ExitGate.init(rawValue:)).map(\.title).joined(separator: ", "))
            }
        }
        entry = conditions(definition.entry)
        exit = conditions(definition.exit)
        self.history = history.map { Version(version: $0.version, at: WebFormat.time($0.appliedAt), by: $0.appliedBy) }
        self.canApply = canApply
        document = typed ?? String(decoding: definition.json(), as: UTF8.self)
        self.refusal = refusal
        self.notice = notice
    }

    private static func how(_ kind: ProcessMoveKind) -> String {
        switch kind {
        case .request: "asked for by name"
        case .reopen: "reopen: a reason, inside the reopen window"
        case .record: "by a record only (a passing restoration test)"
        }
    }
}

/// One task as the process page and the Task Report show it, with its figures when the report has them.
struct ProcessTaskRow: Encodable {
    var subprocess: String
    var id: String
    var name: String
    var lane: String
    var role: String
    var system: String
    var document: String
    var kpis: String
    var decision: String
    var event: String
    var runs: String
    var median: String

    init(_ line: ProcessReports.TaskLine) {
        subprocess = line.subprocess
        id = line.task.id
        name = line.task.name
        lane = line.task.lane.rawValue
        role = line.role
        system = line.system
        document = line.document
        kpis = line.kpis.joined(separator: ", ")
        decision = line.task.decision ?? ""
        event = line.task.event ?? ""
        runs = line.runs.map { String($0.count) } ?? "not in Mend"
        median = line.runs?.medianSeconds.map { KpiText.duration($0) } ?? "–"
    }
}
