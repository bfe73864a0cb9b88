/// Checks a process definition before it is applied, listing every problem by its path in the document. What
/// the module's exit conditions need may be renamed but never removed: its statuses (each is entered by a record
/// of its own sub-process), its roles (people hold them), its sub-processes, and the exit gates on every exit.
public enum ProcessValidator {
    /// Every problem of `definition`, in document order; empty when it may be applied.
    public static func problems(in definition: ProcessDefinition) -> [FieldProblem] {
        var check = Problems()
        header(definition, &check)
        roles(definition, &check)
        items(definition.systems, "systems", &check)
        items(definition.documents, "documents", &check)
        kpis(definition, &check)
        statuses(definition, &check)
        retired(definition, &check)
        logo(definition, &check)
        moves(definition, &check)
        subprocesses(definition, &check)
        conditions(definition.entry, "entry", required: true, &check)
        conditions(definition.exit, "exit", required: true, &check)
        if check.list.isEmpty { reach(definition, &check) }
        return check.list
    }

    /// Throws every problem of `definition` at once.
    public static func validate(_ definition: ProcessDefinition) throws(ValidationError) {
        let list = problems(in: definition)
        if !list.isEmpty { throw ValidationError(list) }
    }

    struct Problems {
        var list: [FieldProblem] = []
        mutating func add(_ path: String, _ message: String) { list.append(FieldProblem(field: path, message: message)) }

        mutating func text(_ value: String, _ path: String, max: Int = 120) {
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(path, "must not be blank")
            } else if value.unicodeScalars.count > max {
                add(path, "must be at most \(max) characters")
            }
        }

        mutating func key(_ value: String, _ path: String) {
            if !ProcessNames.isKey(value) { add(path, "must be 1 to 40 of a-z, 0-9 and _, starting with a letter") }
        }

        /// Each key once; a repeat is reported where it repeats.
        mutating func unique(_ keys: [String], _ path: (Int) -> String) {
            var seen = Set<String>()
            for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
                add(path(index), "repeats \"\(key)\"")
            }
        }
    }

    private static func header(_ definition: ProcessDefinition, _ check: inout Problems) {
        if definition.schema != ProcessDefinition.schemaName {
            check.add("schema", "must be \"\(ProcessDefinition.schemaName)\"")
        }
        if definition.version < 0 { check.add("version", "must not be negative") }
        check.text(definition.module, "module", max: 40)
        check.text(definition.name, "name")
        check.text(definition.organisation, "organisation")
    }

    private static func roles(_ definition: ProcessDefinition, _ check: inout Problems) {
        let roles = definition.roles
        for (index, role) in roles.enumerated() {
            check.key(role.key, "roles[\(index)].key")
            check.text(role.name, "roles[\(index)].name")
            for (p, permission) in role.permissions.enumerated() where Permission(rawValue: permission) == nil {
                check.add(
                    "roles[\(index)].permissions[\(p)]",
                    "is not a permission (\(Permission.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if role.permissions.isEmpty {
                check.add("roles[\(index)].permissions", "grants nothing: nobody could hold this role and do any work")
            }
            if role.client, role.onsite { check.add("roles[\(index)].onsite", "a client role does not go on site") }
        }
        check.unique(roles.map(\.key)) { "roles[\($0)].key" }
        for required in MSP04c.roles where !roles.contains(where: { $0.key == required.key }) {
            check.add("roles", "must keep the module's role \"\(required.key)\" (rename it instead): people hold it")
        }
    }

    private static func items(_ items: [ProcessItem], _ field: String, _ check: inout Problems) {
        for (index, item) in items.enumerated() {
            check.key(item.key, "\(field)[\(index)].key")
            check.text(item.name, "\(field)[\(index)].name")
        }
        check.unique(items.map(\.key)) { "\(field)[\($0)].key" }
    }

    private static func kpis(_ definition: ProcessDefinition, _ check: inout Problems) {
        for (index, kpi) in definition.kpis.enumerated() {
            check.key(kpi.key, "kpis[\(index)].key")
            check.text(kpi.name, "kpis[\(index)].name")
            if !ProcessKpi.measures.contains(kpi.measure) {
                check.add(
                    "kpis[\(index)].measure", "is not a measure Mend computes (\(ProcessKpi.measures.joined(separator: ", ")))")
            }
        }
        check.unique(definition.kpis.map(\.key)) { "kpis[\($0)].key" }
    }

    private static func statuses(_ definition: ProcessDefinition, _ check: inout Problems) {
        let statuses = definition.statuses
        let clocks = SlaClockKind.allCases.map(\.rawValue)
        for (index, status) in statuses.enumerated() {
            let path = "statuses[\(index)]"
            check.key(status.key, "\(path).key")
            check.text(status.name, "\(path).name", max: 60)
            check.text(status.clientName, "\(path).client_name", max: 60)
            check.text(status.clientText, "\(path).client_text", max: 300)
            if status.kind == .exit, status.outcome == nil {
                check.add("\(path).outcome", "an exit must say whether it restores service or passes the incident on")
            }
            if status.kind != .exit, status.outcome != nil { check.add("\(path).outcome", "only an exit has an outcome") }
            for (c, clock) in status.pauses.enumerated() where !clocks.contains(clock) {
                check.add("\(path).pauses[\(c)]", "is not an SLA clock (\(clocks.joined(separator: ", ")))")
            }
            if !status.pauses.isEmpty, ![.work, .waiting, .restored].contains(status.kind) {
                check.add("\(path).pauses", "only a working, waiting or restored status may pause a clock")
            }
            if let module = MSP04c.statuses.first(where: { $0.key == status.key }) {
                if module.kind != status.kind || module.outcome != status.outcome {
                    check.add("\(path).kind", "the module's status \"\(module.key)\" must stay \(module.kind.rawValue)")
                }
                if status.reportsAs != nil {
                    check.add("\(path).reports_as", "only a status of the MSP's own reports as a module status")
                }
            } else {
                ownStatus(status, path, &check)
            }
        }
        check.unique(statuses.map(\.key)) { "statuses[\($0)].key" }
        for module in MSP04c.statuses where !statuses.contains(where: { $0.key == module.key }) {
            check.add(
                "statuses", "must keep the module's status \"\(module.key)\" (rename it instead): its sub-process enters it")
        }
    }

    private static func moves(_ definition: ProcessDefinition, _ check: inout Problems) {
        let keys = Set(definition.statuses.map(\.key))
        var pairs: [String: Int] = [:]
        for (index, move) in definition.moves.enumerated() {
            let path = "moves[\(index)]"
            for (side, selectors) in [("from", move.from), ("to", move.to)] {
                if selectors.isEmpty { check.add("\(path).\(side)", "must name at least one status") }
                for (s, selector) in selectors.enumerated() {
                    if selector.hasPrefix("@") {
                        if ProcessStatusKind(rawValue: String(selector.dropFirst())) == nil {
                            check.add(
                                "\(path).\(side)[\(s)]",
                                "is not a kind (\(ProcessStatusKind.allCases.map { "@" + $0.rawValue }.joined(separator: ", ")))")
                        }
                    } else if !keys.contains(selector) {
                        check.add("\(path).\(side)[\(s)]", "names no status: the move dangles")
                    }
                }
            }
            let from = ProcessRules.expand(move.from, in: definition.statuses)
            let to = ProcessRules.expand(move.to, in: definition.statuses)
            for source in from {
                for target in to where source != target {
                    if let first = pairs[source + " -> " + target] {
                        check.add(path, "repeats the move \(source) -> \(target) of moves[\(first)]")
                    } else {
                        pairs[source + " -> " + target] = index
                    }
                }
            }
            gates(of: move, path, definition, to: to, &check)
        }
    }

    private static func gates(
        of move: ProcessMove, _ path: String, _ definition: ProcessDefinition, to targets: [String], _ check: inout Problems
    ) {
        for (g, requirement) in move.gates.enumerated() {
            for name in requirement.names where ExitGate(rawValue: name) == nil {
                check.add(
                    "\(path).gates[\(g)]",
                    "\"\(name)\" is not a gate (\(ExitGate.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if case .anyOf(let names) = requirement, names.count < 2 {
                check.add("\(path).gates[\(g)].any_of", "must offer at least two gates")
            }
        }
        let kinds = targets.compactMap { key in definition.statuses.first { $0.key == key } }
        let required = Set(move.gates.compactMap { if case .gate(let name) = $0 { name } else { nil } })
        let choices = move.gates.compactMap { if case .anyOf(let names) = $0 { Set(names) } else { nil } }
        for status in kinds {
            let needs = requiredGates(into: status)
            let missing = needs.plain.filter { !required.contains($0.rawValue) }
            if !missing.isEmpty {
                check.add(
                    "\(path).gates", "a move into \(status.key) must require \(missing.map(\.rawValue).joined(separator: ", "))")
            }
            if let choice = needs.choice, !choices.contains(Set(choice.map(\.rawValue))),
                !choice.contains(where: { required.contains($0.rawValue) })
            {
                check.add(
                    "\(path).gates",
                    "a move into \(status.key) must require one of \(choice.map(\.rawValue).joined(separator: ", "))")
            }
        }
        switch move.kind {
        case .reopen:
            let sources = ProcessRules.expand(move.from, in: definition.statuses)
            if sources.contains(where: { key in
                definition.statuses.first { $0.key == key }.map { $0.kind != .exit && $0.kind != .closed } ?? false
            }) {
                check.add("\(path).from", "a reopen leaves an exit or Closed only")
            }
            if kinds.contains(where: { $0.kind != .work }) { check.add("\(path).to", "a reopen goes back to work") }
        case .record:
            if kinds.contains(where: { $0.kind != .restored }) {
                check.add("\(path).to", "only Restored is reached by a record (a passing restoration test)")
            }
        case .request:
            if kinds.contains(where: { $0.kind == .restored }) {
                check.add("\(path).kind", "Restored is reached by a passing restoration test, never by naming it: use \"record\"")
            }
        }
    }

    /// The gates a move into `status` must require: what the module's exit conditions say holds when it ends.
    private static func requiredGates(into status: ProcessStatus) -> (plain: [ExitGate], choice: [ExitGate]?) {
        let documented: [ExitGate] = [.resolutionNote, .timeEntered]
        switch (status.kind, status.outcome) {
        case (.exit, .restored?): return ([.serviceRestoredAndTested, .verificationAttempted] + documented, nil)
        case (.exit, .transferred?): return ([.exitPathRecorded, .clientInformed] + documented, nil)
        case (.closed, _): return ([.verificationAttempted] + documented, [.serviceRestoredAndTested, .exitPathRecorded])
        default: return ([], nil)
        }
    }

    private static func subprocesses(_ definition: ProcessDefinition, _ check: inout Problems) {
        let roles = Set(definition.roles.map(\.key))
        let systems = Set(definition.systems.map(\.key))
        let documents = Set(definition.documents.map(\.key))
        let kpis = Set(definition.kpis.map(\.key))
        let statuses = Set(definition.statuses.map(\.key))
        var taskIDs: [String] = []
        var taskPaths: [String] = []
        for (index, sub) in definition.subprocesses.enumerated() {
            let path = "subprocesses[\(index)]"
            check.text(sub.id, "\(path).id", max: 20)
            check.text(sub.name, "\(path).name")
            check.text(sub.purpose, "\(path).purpose", max: 300)
            for (s, status) in sub.statuses.enumerated() where !statuses.contains(status) {
                check.add("\(path).statuses[\(s)]", "names no status")
            }
            if sub.tasks.isEmpty { check.add("\(path).tasks", "needs at least one task") }
            for (t, task) in sub.tasks.enumerated() {
                let taskPath = "\(path).tasks[\(t)]"
                taskIDs.append(task.id)
                taskPaths.append("\(taskPath).id")
                check.text(task.id, "\(taskPath).id", max: 20)
                check.text(task.name, "\(taskPath).name", max: 160)
                if !roles.contains(task.role) { check.add("\(taskPath).role", "names no role: nobody can hold it") }
                if let system = task.system, !systems.contains(system) { check.add("\(taskPath).system", "names no system") }
                if let document = task.document, !documents.contains(document) {
                    check.add("\(taskPath).document", "names no document")
                }
                for (k, kpi) in task.kpis.enumerated() where !kpis.contains(kpi) {
                    check.add("\(taskPath).kpis[\(k)]", "names no KPI")
                }
                if let decision = task.decision { check.text(decision, "\(taskPath).decision", max: 160) }
                if let event = task.event, EventKind(rawValue: event) == nil {
                    check.add("\(taskPath).event", "is not a ticket event")
                }
            }
            for (c, list) in sub.checklists.enumerated() {
                check.text(list.name, "\(path).checklists[\(c)].name", max: 100)
                if list.items.isEmpty || list.items.count > 40 {
                    check.add("\(path).checklists[\(c)].items", "must have 1 to 40 steps")
                }
                for (i, item) in list.items.enumerated() { check.text(item, "\(path).checklists[\(c)].items[\(i)]", max: 300) }
            }
        }
        check.unique(definition.subprocesses.map(\.id)) { "subprocesses[\($0)].id" }
        var seen = Set<String>()
        for (id, path) in zip(taskIDs, taskPaths) where !seen.insert(id).inserted { check.add(path, "repeats \"\(id)\"") }
        for module in MSP04c.subprocesses where !definition.subprocesses.contains(where: { $0.id == module.id }) {
            check.add("subprocesses", "must keep the module's sub-process \(module.id) (\(module.name))")
        }
    }

    private static func conditions(_ list: [ProcessCondition], _ field: String, required: Bool, _ check: inout Problems) {
        if required, list.isEmpty { check.add(field, "needs at least one condition") }
        for (index, condition) in list.enumerated() {
            check.key(condition.key, "\(field)[\(index)].key")
            check.text(condition.text, "\(field)[\(index)].text", max: 300)
            for (g, gate) in condition.gates.enumerated() where ExitGate(rawValue: gate) == nil {
                check.add("\(field)[\(index)].gates[\(g)]", "is not a gate")
            }
        }
        check.unique(list.map(\.key)) { "\(field)[\($0)].key" }
    }

    /// Every status can be left (Closed by a reopen) and reached from intake; checked once the parts are sound.
    private static func reach(_ definition: ProcessDefinition, _ check: inout Problems) {
        let rules = ProcessRules(definition)
        for (index, status) in definition.statuses.enumerated() where rules.targets(from: status.key).isEmpty {
            check.add("statuses[\(index)]", "nobody can leave \"\(status.key)\": no move starts there")
        }
        var reached = Set(rules.statuses(of: .intake))
        var frontier = Array(reached)
        while let next = frontier.popLast() {
            for target in rules.targets(from: next) where reached.insert(target).inserted { frontier.append(target) }
        }
        for (index, status) in definition.statuses.enumerated() where !reached.contains(status.key) {
            check.add("statuses[\(index)]", "no move leads to \"\(status.key)\" from New")
        }
    }
}
