/// One condition of the seed module's exit that must hold before a ticket leaves Tier 2.
public enum ExitGate: String, Sendable, Codable, CaseIterable {
    case serviceRestoredAndTested = "service_restored_and_tested"
    case exitPathRecorded = "exit_path_recorded"
    case verificationAttempted = "verification_attempted"
    case clientInformed = "client_informed"
    case resolutionNote = "resolution_note"
    case timeEntered = "time_entered"

    /// The gate's short name, for tables and the blueprint.
    public var title: String {
        switch self {
        case .serviceRestoredAndTested: "Service restored and tested"
        case .exitPathRecorded: "Exit path recorded"
        case .verificationAttempted: "Verification attempted"
        case .clientInformed: "Client informed"
        case .resolutionNote: "Resolution note"
        case .timeEntered: "Time entered"
        }
    }

    /// What is missing, in the words an engineer reads on the page.
    public var explanation: String {
        switch self {
        case .serviceRestoredAndTested:
            "Service has not been restored and tested: record a passing restoration test first."
        case .exitPathRecorded:
            "No exit path is recorded: name the party (and reference) the incident is handed to."
        case .verificationAttempted:
            "Verification has not been attempted with the client (or not often enough): record the client's confirmation, or try again until the allowed number of unanswered attempts is reached."
        case .clientInformed:
            "The client has not been told that the incident is passed on: write a client-visible message about the transfer, or log the call in which you told them."
        case .resolutionNote:
            "There is no resolution note: write the onstage summary the client will read."
        case .timeEntered:
            "No time has been entered on the ticket: log the time spent."
        }
    }
}

/// What the ticket's records say about the exit conditions.
public struct ExitFacts: Sendable, Equatable {
    public var restoredAndTested: Bool
    public var exitPathRecorded: Bool
    public var verificationAttempted: Bool
    /// Tier 2 told the client (a client-visible message or a logged call) since the exit path was recorded.
    public var clientInformed: Bool
    public var hasResolutionNote: Bool
    public var minutesLogged: Int

    public init(
        restoredAndTested: Bool = false, exitPathRecorded: Bool = false,
        verificationAttempted: Bool = false, clientInformed: Bool = false, hasResolutionNote: Bool = false,
        minutesLogged: Int = 0
    ) {
        self.restoredAndTested = restoredAndTested
        self.exitPathRecorded = exitPathRecorded
        self.verificationAttempted = verificationAttempted
        self.clientInformed = clientInformed
        self.hasResolutionNote = hasResolutionNote
        self.minutesLogged = minutesLogged
    }
}

/// The exit conditions of the process: each move names the gates it needs (`ProcessMove.gates`). In MSP-04c,
/// resolving (and closing) needs service restored and tested and verification attempted; leaving to a third party
/// or the client's IT restores nothing, so it needs the exit path and the client told instead. Every exit needs
/// the resolution note and time entered.
public enum ExitGates {
    /// The gates that still block the move from `from` to `target`, in the order a person would meet them.
    public static func unmet(from: TicketStatus, to target: TicketStatus, facts: ExitFacts) -> [ExitGate] {
        let rules = ProcessRules.current
        return unmet(rules.move(from: from.rawValue, to: target.rawValue)?.gates ?? [], facts: facts)
    }

    /// The gates that still block a move into `target` from wherever the process first leads into it.
    public static func unmet(for target: TicketStatus, facts: ExitFacts) -> [ExitGate] {
        let rules = ProcessRules.current
        let from = rules.definition.statuses.first { rules.move(from: $0.key, to: target.rawValue) != nil }
        guard let from else { return [] }
        return unmet(rules.move(from: from.key, to: target.rawValue)?.gates ?? [], facts: facts)
    }

    /// The entries of `gates` that `facts` do not meet; a choice is reported by its first gate.
    static func unmet(_ gates: [GateRequirement], facts: ExitFacts) -> [ExitGate] {
        gates.compactMap { requirement in
            let names = requirement.names.compactMap(ExitGate.init(rawValue:))
            return names.contains { $0.isMet(by: facts) } ? nil : names.first
        }
    }
}

extension ExitGate {
    /// Whether the ticket's records meet this gate.
    public func isMet(by facts: ExitFacts) -> Bool {
        switch self {
        case .serviceRestoredAndTested: facts.restoredAndTested
        case .exitPathRecorded: facts.exitPathRecorded
        case .verificationAttempted: facts.verificationAttempted
        case .clientInformed: facts.clientInformed
        case .resolutionNote: facts.hasResolutionNote
        case .timeEntered: facts.minutesLogged > 0
        }
    }
}
