/// The process a ticket runs under, as one document: roles, statuses, the moves between them with their gates,
/// and the sub-processes with their tasks. The status machine, the exit gates and the roles' rights are built from
/// it (`ProcessRules`), and the blueprint and the reports are drawn from it, so neither can drift from the other.
public struct ProcessDefinition: Sendable, Equatable, Codable {
    /// The name of the published schema this document follows (docs/process.schema.json).
    public static let schemaName = "mend-process/1"

    public var schema: String
    /// Counts up with every applied change; 0 in a document that has not been applied yet.
    public var version: Int
    /// The service blueprint module it implements, such as "MSP-04c".
    public var module: String
    public var name: String
    /// The MSP's name, printed on the blueprint and the reports.
    public var organisation: String
    public var roles: [ProcessRole]
    public var systems: [ProcessItem]
    public var documents: [ProcessItem]
    public var kpis: [ProcessKpi]
    public var statuses: [ProcessStatus]
    public var moves: [ProcessMove]
    public var subprocesses: [Subprocess]
    /// Any one of these starts the process.
    public var entry: [ProcessCondition]
    /// What holds when the process ends.
    public var exit: [ProcessCondition]
    /// Statuses of the MSP's own that an earlier version had and this one dropped, each with where its open tickets
    /// went; kept so that history still names them. Left out when there are none.
    public var retired: [RetiredStatus]?
    /// The MSP's logo for the blueprint and the reports, as a `data:image/png;base64,` (or jpeg, svg+xml) address,
    /// so a printed or exported drawing needs nothing from the network. Left out when there is none.
    public var logo: String?

    public init(
        schema: String = ProcessDefinition.schemaName, version: Int, module: String, name: String,
        organisation: String, roles: [ProcessRole], systems: [ProcessItem], documents: [ProcessItem],
        kpis: [ProcessKpi], statuses: [ProcessStatus], moves: [ProcessMove], subprocesses: [Subprocess],
        entry: [ProcessCondition], exit: [ProcessCondition], retired: [RetiredStatus]? = nil, logo: String? = nil
    ) {
        self.schema = schema
        self.version = version
        self.module = module
        self.name = name
        self.organisation = organisation
        self.roles = roles
        self.systems = systems
        self.documents = documents
        self.kpis = kpis
        self.statuses = statuses
        self.moves = moves
        self.subprocesses = subprocesses
        self.entry = entry
        self.exit = exit
        self.retired = retired
        self.logo = logo
    }
}

/// A status of the MSP's own that a later version dropped: its name for history, the module status its time
/// reports as and the clocks it paused (so the SLA of a ticket that was in it reads the same), and the status its
/// open tickets moved to when it was dropped.
public struct RetiredStatus: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var reportsAs: String
    public var pauses: [String]
    public var becomes: String

    public init(key: String, name: String, reportsAs: String, pauses: [String] = [], becomes: String) {
        self.key = key
        self.name = name
        self.reportsAs = reportsAs
        self.pauses = pauses
        self.becomes = becomes
    }

    enum CodingKeys: String, CodingKey {
        case key, name, pauses, becomes
        case reportsAs = "reports_as"
    }
}

/// A role of the process: who holds it, and the rights it carries.
public struct ProcessRole: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var permissions: [String]
    /// Held by the client's own people: scoped to their company and to onstage content.
    public var client: Bool
    /// Goes on site, so is offered for onsite visits.
    public var onsite: Bool

    public init(key: String, name: String, permissions: [String], client: Bool = false, onsite: Bool = false) {
        self.key = key
        self.name = name
        self.permissions = permissions
        self.client = client
        self.onsite = onsite
    }
}

/// A named thing the process refers to by key: a system used, a document produced.
public struct ProcessItem: Sendable, Equatable, Codable {
    public var key: String
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

/// A KPI the process feeds, tied to the measure Mend computes for it.
public struct ProcessKpi: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    /// One of `ProcessKpi.measures`: the figure Mend shows beside it.
    public var measure: String

    public init(key: String, name: String, measure: String) {
        self.key = key
        self.name = name
        self.measure = measure
    }

    /// The measures Mend computes (docs/kpis.md).
    public static let measures = [
        "response_time", "restoration_time", "resolution_time", "sla_compliance", "first_contact_resolution",
        "time_logged", "reopen_rate", "client_satisfaction",
    ]
}

/// What part of the process a status stands for; the rules that do not depend on a status's name depend on this.
public enum ProcessStatusKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Not yet with an engineer.
    case intake
    /// An engineer works the incident.
    case work
    /// Work waits on someone: the client, parts, a vendor, a visit, an expert.
    case waiting
    /// Service restored and tested; verification with the client pending.
    case restored
    /// The incident has left Tier 2.
    case exit
    case closed
}

/// How an exit leaves Tier 2: restored (the clocks are met or breached) or passed on (the clocks stop as
/// transferred).
public enum ProcessExitOutcome: String, Sendable, Equatable, Codable, CaseIterable {
    case restored
    case transferred
}

/// A status of the lifecycle, with its names and its defaults.
public struct ProcessStatus: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    /// What the client reads in the portal and in mail.
    public var clientName: String
    /// One sentence to the client on where the ticket stands.
    public var clientText: String
    public var kind: ProcessStatusKind
    /// For an exit: whether it restores service or passes the incident on.
    public var outcome: ProcessExitOutcome?
    /// The SLA clocks a new policy pauses in this status; for a status of the MSP's own, the clocks every policy
    /// pauses in it.
    public var pauses: [String]
    /// For a status of the MSP's own: the module status of the same kind whose KPI columns count its time, so the
    /// export keeps the seed's columns. Left out on the module's statuses.
    public var reportsAs: String?

    public init(
        key: String, name: String, clientName: String, clientText: String, kind: ProcessStatusKind,
        outcome: ProcessExitOutcome? = nil, pauses: [String] = [], reportsAs: String? = nil
    ) {
        self.key = key
        self.name = name
        self.clientName = clientName
        self.clientText = clientText
        self.kind = kind
        self.outcome = outcome
        self.pauses = pauses
        self.reportsAs = reportsAs
    }

    enum CodingKeys: String, CodingKey {
        case key, name, kind, outcome, pauses
        case reportsAs = "reports_as"
        case clientName = "client_name"
        case clientText = "client_text"
    }
}

/// How a move is made.
public enum ProcessMoveKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// A person asks for it by naming the status.
    case request
    /// Leaving an exit or Closed to work again: needs a reason, inside the reopen window.
    case reopen
    /// Made only by a record, never by naming the status: a passing restoration test restores.
    case record
}

/// Moves from any of `from` to any of `to` (a status never moves to itself). Either side names statuses by key, or
/// every status of a kind as `@kind`, so a status added later joins the moves of its kind.
public struct ProcessMove: Sendable, Equatable, Codable {
    public var from: [String]
    public var to: [String]
    public var kind: ProcessMoveKind
    /// The exit gates that must hold before the move, in the order a person meets them.
    public var gates: [GateRequirement]

    public init(from: [String], to: [String], kind: ProcessMoveKind = .request, gates: [GateRequirement] = []) {
        self.from = from
        self.to = to
        self.kind = kind
        self.gates = gates
    }
}

/// One entry of a move's gates: a gate, or a choice of gates of which one is enough (reported by the first).
public enum GateRequirement: Sendable, Equatable, Codable {
    case gate(String)
    case anyOf([String])

    /// The gates this entry names.
    public var names: [String] {
        switch self {
        case .gate(let name): [name]
        case .anyOf(let names): names
        }
    }

    enum CodingKeys: String, CodingKey {
        case anyOf = "any_of"
    }

    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self = .gate(name)
            return
        }
        let object = try decoder.container(keyedBy: CodingKeys.self)
        self = .anyOf(try object.decode([String].self, forKey: .anyOf))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .gate(let name):
            var single = encoder.singleValueContainer()
            try single.encode(name)
        case .anyOf(let names):
            var object = encoder.container(keyedBy: CodingKeys.self)
            try object.encode(names, forKey: .anyOf)
        }
    }
}

/// A sub-process of the module, such as 04c.02 Service Restoration, with its tasks in the order they run.
public struct Subprocess: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var purpose: String
    /// The statuses a ticket is in while this sub-process runs.
    public var statuses: [String]
    public var tasks: [ProcessTask]
    public var checklists: [ProcessChecklist]

    public init(
        id: String, name: String, purpose: String, statuses: [String], tasks: [ProcessTask],
        checklists: [ProcessChecklist] = []
    ) {
        self.id = id
        self.name = name
        self.purpose = purpose
        self.statuses = statuses
        self.tasks = tasks
        self.checklists = checklists
    }
}

/// The swimlane of a service blueprint a task belongs to.
public enum ProcessLane: String, Sendable, Equatable, Codable, CaseIterable {
    /// What the client's people do.
    case client
    /// What staff do in the client's sight: calls, client-visible notes, visits.
    case onstage
    /// What staff do out of the client's sight.
    case backstage
    /// What other teams and outside parties do for the process.
    case support
}

/// One task of a sub-process.
public struct ProcessTask: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var lane: ProcessLane
    public var role: String
    public var system: String?
    /// The document the task produces.
    public var document: String?
    public var kpis: [String]
    /// A question the task ends on; the process goes on to the next task on "yes".
    public var decision: String?
    /// The ticket event that shows the task ran, for the live figures of the task report.
    public var event: String?

    public init(
        id: String, name: String, lane: ProcessLane, role: String, system: String? = nil, document: String? = nil,
        kpis: [String] = [], decision: String? = nil, event: String? = nil
    ) {
        self.id = id
        self.name = name
        self.lane = lane
        self.role = role
        self.system = system
        self.document = document
        self.kpis = kpis
        self.decision = decision
        self.event = event
    }
}

/// A checklist the MSP adds to a sub-process: steps an engineer works through.
public struct ProcessChecklist: Sendable, Equatable, Codable {
    public var name: String
    public var items: [String]

    public init(name: String, items: [String]) {
        self.name = name
        self.items = items
    }
}

/// An entry or exit condition of the module, in its words.
public struct ProcessCondition: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
    /// For an exit condition: the gates that enforce it.
    public var gates: [String]

    public init(key: String, text: String, gates: [String] = []) {
        self.key = key
        self.text = text
        self.gates = gates
    }
}

// Lists and flags an MSP may leave out of a document default to empty or false, so a short entry stays short.

extension ProcessRole {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try c.decode(String.self, forKey: .key), name: try c.decode(String.self, forKey: .name),
            permissions: try c.decode([String].self, forKey: .permissions),
            client: try c.decodeIfPresent(Bool.self, forKey: .client) ?? false,
            onsite: try c.decodeIfPresent(Bool.self, forKey: .onsite) ?? false)
    }
}

extension ProcessStatus {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try c.decode(String.self, forKey: .key), name: try c.decode(String.self, forKey: .name),
            clientName: try c.decode(String.self, forKey: .clientName),
            clientText: try c.decode(String.self, forKey: .clientText),
            kind: try c.decode(ProcessStatusKind.self, forKey: .kind),
            outcome: try c.decodeIfPresent(ProcessExitOutcome.self, forKey: .outcome),
            pauses: try c.decodeIfPresent([String].self, forKey: .pauses) ?? [],
            reportsAs: try c.decodeIfPresent(String.self, forKey: .reportsAs))
    }
}

extension ProcessMove {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            from: try c.decode([String].self, forKey: .from), to: try c.decode([String].self, forKey: .to),
            kind: try c.decodeIfPresent(ProcessMoveKind.self, forKey: .kind) ?? .request,
            gates: try c.decodeIfPresent([GateRequirement].self, forKey: .gates) ?? [])
    }
}

extension Subprocess {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            purpose: try c.decode(String.self, forKey: .purpose),
            statuses: try c.decodeIfPresent([String].self, forKey: .statuses) ?? [],
            tasks: try c.decode([ProcessTask].self, forKey: .tasks),
            checklists: try c.decodeIfPresent([ProcessChecklist].self, forKey: .checklists) ?? [])
    }
}

extension ProcessTask {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            lane: try c.decode(ProcessLane.self, forKey: .lane), role: try c.decode(String.self, forKey: .role),
            system: try c.decodeIfPresent(String.self, forKey: .system),
            document: try c.decodeIfPresent(String.self, forKey: .document),
            kpis: try c.decodeIfPresent([String].self, forKey: .kpis) ?? [],
            decision: try c.decodeIfPresent(String.self, forKey: .decision),
            event: try c.decodeIfPresent(String.self, forKey: .event))
    }
}

extension ProcessCondition {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try c.decode(String.self, forKey: .key), text: try c.decode(String.self, forKey: .text),
            gates: try c.decodeIfPresent([String].self, forKey: .gates) ?? [])
    }
}
