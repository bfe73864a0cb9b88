/// A status of the lifecycle (PRODUCT.md section 2): one of the module's, named here, or one the MSP added to its
/// process definition. Its name, kind and clocks come from the definition in force.
public struct TicketStatus: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    /// Any key of status syntax: what the store holds is read back as it was written, even a status a newer
    /// definition (applied through another server) added. Input is checked with `TicketStatus(known:)`.
    public init?(rawValue: String) {
        guard ProcessNames.isKey(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(module rawValue: String) { self.rawValue = rawValue }

    /// The status of `key` if the definition in force names it, live or retired.
    public init?(known key: String) {
        let rules = ProcessRules.current
        guard rules.status(key) != nil || rules.retired(key) != nil else { return nil }
        self.rawValue = key
    }

    public static let new = TicketStatus(module: "new")
    public static let assigned = TicketStatus(module: "assigned")
    public static let inProgress = TicketStatus(module: "in_progress")
    public static let waitingOnClient = TicketStatus(module: "waiting_on_client")
    public static let waitingOnParts = TicketStatus(module: "waiting_on_parts")
    public static let waitingOnVendor = TicketStatus(module: "waiting_on_vendor")
    public static let waitingOnThirdParty = TicketStatus(module: "waiting_on_third_party")
    public static let onsiteScheduled = TicketStatus(module: "onsite_scheduled")
    public static let withSME = TicketStatus(module: "with_sme")
    public static let restored = TicketStatus(module: "restored")
    public static let resolved = TicketStatus(module: "resolved")
    public static let escalatedOut = TicketStatus(module: "escalated_out")
    public static let handedOff = TicketStatus(module: "handed_off")
    public static let closed = TicketStatus(module: "closed")

    /// The module's fourteen statuses, in its order: the ones every definition keeps, and the ones the KPI export
    /// has a column for (a status of the MSP's own reports as one of these).
    public static let module: [TicketStatus] = [
        .new, .assigned, .inProgress, .waitingOnClient, .waitingOnParts, .waitingOnVendor, .waitingOnThirdParty,
        .onsiteScheduled, .withSME, .restored, .resolved, .escalatedOut, .handedOff, .closed,
    ]

    /// The statuses of the definition in force, in its order.
    public static var allCases: [TicketStatus] {
        ProcessRules.current.definition.statuses.map { TicketStatus(module: $0.key) }
    }

    public var description: String { rawValue }

    /// `statuses` in the definition's order, any it no longer names after them by key.
    public static func inOrder(_ statuses: some Sequence<TicketStatus>) -> [TicketStatus] {
        let order = Dictionary(allCases.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return statuses.sorted { (order[$0] ?? Int.max, $0.rawValue) < (order[$1] ?? Int.max, $1.rawValue) }
    }

    private static let moduleKeys = Set(module.map(\.rawValue))

    /// Whether this is one of the module's statuses rather than one the MSP added.
    public var isModule: Bool { Self.moduleKeys.contains(rawValue) }

    /// The module status whose KPI columns count time spent in this one: itself, or what an added (or retired)
    /// status reports as.
    public var reportsAs: TicketStatus {
        if isModule { return self }
        let rules = ProcessRules.current
        let key = rules.status(rawValue)?.reportsAs ?? rules.retired(rawValue)?.reportsAs
        return key.flatMap { TicketStatus(rawValue: $0) }.flatMap { $0.isModule ? $0 : nil } ?? .inProgress
    }

    /// The name the process in force gives this status, used on pages and in messages.
    public var title: String {
        let rules = ProcessRules.current
        return rules.status(rawValue)?.name ?? rules.retired(rawValue)?.name ?? rawValue
    }

    /// The kind the process in force gives this status (a retired status is gone: it has none).
    public var kind: ProcessStatusKind? { ProcessRules.current.status(rawValue)?.kind }

    /// Statuses where Tier 2 is working the incident (the ticket is open and not yet restored).
    public static var working: [TicketStatus] {
        ProcessRules.current.definition.statuses.filter { $0.kind == .work || $0.kind == .waiting }
            .map { TicketStatus(module: $0.key) }
    }

    /// The exits of the process: each leaves Tier 2 and requires the exit gates.
    public static var exits: [TicketStatus] {
        ProcessRules.current.statuses(of: .exit).map(TicketStatus.init(module:))
    }

    /// Whether this exit passes the incident on (its clocks stop as transferred) rather than restoring service.
    public var isTransfer: Bool { ProcessRules.current.status(rawValue)?.outcome == .transferred }

    /// True while the incident still needs Tier 2 (not exited and not closed).
    public var isOpen: Bool { kind != .exit && kind != .closed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let status = TicketStatus(known: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Cannot initialize TicketStatus from invalid String value \(text)")
        }
        self = status
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
