import Foundation

/// The rules a process definition makes: which status may follow which, by what kind of move, behind which gates.
/// Built once per applied definition; the status machine, the exit gates and the roles' rights all read it.
public final class ProcessRules: Sendable {
    public let definition: ProcessDefinition
    private let statusByKey: [String: ProcessStatus]
    private let retiredByKey: [String: RetiredStatus]
    /// The clocks the MSP's own statuses (live and retired) pause, as text: part of the terms an SLA fold is
    /// carried forward under, so a change to them recomputes the clocks. Empty when there are none.
    public let ownPausesText: String
    /// For each status, the moves out of it in the definition's status order.
    private let edges: [String: [(to: String, move: ProcessMove)]]

    /// Builds the rules of a definition; selectors that name nothing and pairs named twice are left to the
    /// validator, which refuses such a definition before it is applied (the first move naming a pair wins here).
    public init(_ definition: ProcessDefinition) {
        self.definition = definition
        var byKey: [String: ProcessStatus] = [:]
        for status in definition.statuses where byKey[status.key] == nil { byKey[status.key] = status }
        statusByKey = byKey
        retiredByKey = Dictionary(
            (definition.retired ?? []).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let own =
            definition.statuses.filter { $0.reportsAs != nil }.map { ($0.key, $0.pauses) }
            + (definition.retired ?? []).map { ($0.key, $0.pauses) }
        ownPausesText = own.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1.sorted().joined(separator: "+"))" }
            .joined(separator: ",")
        var edges: [String: [(to: String, move: ProcessMove)]] = [:]
        var seen = Set<String>()
        for move in definition.moves {
            for from in Self.expand(move.from, in: definition.statuses) {
                for to in Self.expand(move.to, in: definition.statuses) where from != to {
                    if seen.insert(from + "\u{0}" + to).inserted { edges[from, default: []].append((to, move)) }
                }
            }
        }
        let order = Dictionary(definition.statuses.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        self.edges = edges.mapValues { list in list.sorted { order[$0.to, default: 0] < order[$1.to, default: 0] } }
    }

    /// The status keys a list of selectors names: keys as written, `@kind` as every status of that kind.
    public static func expand(_ selectors: [String], in statuses: [ProcessStatus]) -> [String] {
        var keys: [String] = []
        for selector in selectors {
            if selector.hasPrefix("@") {
                let kind = ProcessStatusKind(rawValue: String(selector.dropFirst()))
                keys += statuses.filter { $0.kind == kind }.map(\.key)
            } else {
                keys.append(selector)
            }
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// The definition's status of `key`.
    public func status(_ key: String) -> ProcessStatus? { statusByKey[key] }

    /// The status of the MSP's own an earlier version had and this one dropped.
    public func retired(_ key: String) -> RetiredStatus? { retiredByKey[key] }

    /// Whether a status of the MSP's own pauses `clock`: it does under every policy, as its definition says (a
    /// module status pauses what the contract's policy says).
    public func ownStatus(_ key: String, pauses clock: SlaClockKind) -> Bool {
        if let status = statusByKey[key] { return status.reportsAs != nil && status.pauses.contains(clock.rawValue) }
        return retiredByKey[key]?.pauses.contains(clock.rawValue) ?? false
    }

    /// The move that leads from `from` to `to`, if any.
    public func move(from: String, to: String) -> ProcessMove? {
        edges[from]?.first { $0.to == to }?.move
    }

    /// Every status `from` may move to, by any kind of move, in the definition's order.
    public func targets(from: String) -> [String] {
        (edges[from] ?? []).map(\.to)
    }

    /// The statuses a person may ask for by name from `from`: requests and reopens, not moves made by a record.
    public func requestable(from: String) -> [String] {
        (edges[from] ?? []).filter { $0.move.kind != .record }.map(\.to)
    }

    /// The statuses of `kind`, in the definition's order.
    public func statuses(of kind: ProcessStatusKind) -> [String] {
        definition.statuses.filter { $0.kind == kind }.map(\.key)
    }

    /// The roles as the directory stores them.
    public var roles: [RoleDefinition] {
        definition.roles.map {
            RoleDefinition(
                key: $0.key, name: $0.name, permissions: Set($0.permissions.compactMap(Permission.init(rawValue:))),
                isClient: $0.client)
        }
    }

    /// The keys of the roles whose people go on site.
    public var onsiteRoles: [String] { definition.roles.filter(\.onsite).map(\.key) }

    /// The rules in force: those of the task's source (each server binds its own; tests run several side by
    /// side), else the process-wide source.
    public static var current: ProcessRules { (source ?? ProcessRulesSource.processWide).rules }

    /// The source of the rules for one task and its children, over the process-wide one.
    @TaskLocal public static var source: ProcessRulesSource?
}

/// Where the rules in force come from: replaced as a whole when a new definition is applied, so every reader sees
/// one version or the next, never a mix.
public final class ProcessRulesSource: Sendable {
    private let value: LockedValue<ProcessRules>

    public init(_ rules: ProcessRules) { value = LockedValue(rules) }

    /// The rules in force now.
    public var rules: ProcessRules { value.withLock { $0 } }

    /// Makes `rules` the rules in force from now on.
    public func install(_ rules: ProcessRules) { value.withLock { $0 = rules } }

    /// The source of every task that binds none: the MSP-04c module until a server installs its definition.
    public static let processWide = ProcessRulesSource(ProcessRules(.msp04c))
}

/// A value behind a lock, for the few process-wide values the core keeps.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
