/// The seed's Detail Report and Task Report, generated from the definition in force, with the live figures of a
/// period beside each task and KPI.
public enum ProcessReports {
    /// What the Detail Report says of one sub-process: the statuses a ticket is in while it runs, who works it, with
    /// which systems, producing which documents, measured by which KPIs; each list in the order the tasks first
    /// name it.
    public struct Detail: Sendable, Equatable {
        public var id: String
        public var name: String
        public var purpose: String
        public var statuses: [String]
        public var roles: [String]
        public var systems: [String]
        public var documents: [String]
        public var kpis: [ProcessKpi]
    }

    /// How often a task ran in a period and how long it took: the median wait from the ticket's event before it.
    public struct Runs: Sendable, Equatable {
        public var count: Int
        /// Nearest-rank median, as the KPIs take it (`TimeFigure`); nil when it never ran after another event.
        public var medianSeconds: Int?

        public init(count: Int, medianSeconds: Int?) {
            self.count = count
            self.medianSeconds = medianSeconds
        }
    }

    /// One line of the Task Report.
    public struct TaskLine: Sendable, Equatable {
        public var subprocess: String
        public var task: ProcessTask
        public var role: String
        public var system: String
        public var document: String
        public var kpis: [String]
        /// Nil for a task no ticket event shows (done outside Mend); it has no figures.
        public var runs: Runs?
    }

    /// The Detail Report of `definition`.
    public static func detail(_ definition: ProcessDefinition) -> [Detail] {
        let names = ProcessNames(definition)
        return definition.subprocesses.map { sub in
            Detail(
                id: sub.id, name: sub.name, purpose: sub.purpose, statuses: sub.statuses.map(names.status),
                roles: unique(sub.tasks.map { names.role($0.role) }),
                systems: unique(sub.tasks.compactMap(\.system).map(names.system)),
                documents: unique(sub.tasks.compactMap(\.document).map(names.document)),
                kpis: unique(sub.tasks.flatMap(\.kpis)).compactMap { key in definition.kpis.first { $0.key == key } })
        }
    }

    /// The Task Report of `definition`, with `runs` by ticket event kind. Tasks shown by the same event share its
    /// figures: the event says that the step ran, not which of the tasks naming it ran.
    public static func tasks(_ definition: ProcessDefinition, runs: [String: Runs]) -> [TaskLine] {
        let names = ProcessNames(definition)
        return definition.subprocesses.flatMap { sub in
            sub.tasks.map { task in
                TaskLine(
                    subprocess: sub.id, task: task, role: names.role(task.role), system: task.system.map(names.system) ?? "",
                    document: task.document.map(names.document) ?? "",
                    kpis: task.kpis.compactMap { key in definition.kpis.first { $0.key == key }?.name },
                    runs: task.event.map { runs[$0] ?? Runs(count: 0, medianSeconds: nil) })
            }
        }
    }

    /// The figures of each event kind from its occurrences in the period: each with the seconds since the ticket's
    /// event before it (nil for a ticket's first event).
    public static func runs(_ occurrences: [(kind: String, secondsSincePrevious: Int?)]) -> [String: Runs] {
        var counts: [String: Int] = [:]
        var gaps: [String: [Int]] = [:]
        for occurrence in occurrences {
            counts[occurrence.kind, default: 0] += 1
            if let gap = occurrence.secondsSincePrevious { gaps[occurrence.kind, default: []].append(max(0, gap)) }
        }
        return counts.reduce(into: [:]) { result, entry in
            result[entry.key] = Runs(count: entry.value, medianSeconds: TimeFigure(gaps[entry.key] ?? []).p50Seconds)
        }
    }

    /// The event kinds the definition's tasks name, for the query that counts them.
    public static func eventKinds(_ definition: ProcessDefinition) -> [String] {
        unique(definition.subprocesses.flatMap { $0.tasks.compactMap(\.event) }).sorted()
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
