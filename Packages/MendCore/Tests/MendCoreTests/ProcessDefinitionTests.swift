import Foundation
import MendCore
import Testing

/// The machine Mend enforced before the process became data, kept here as the reference the default must match.
private enum Reference {
    static let working: [TicketStatus] = [
        .assigned, .inProgress, .waitingOnClient, .waitingOnParts, .waitingOnVendor, .waitingOnThirdParty,
        .onsiteScheduled, .withSME,
    ]

    static func targets(from status: TicketStatus) -> Set<TicketStatus> {
        switch status {
        case .new: Set(working + [.escalatedOut, .handedOff])
        case .restored: [.inProgress, .resolved]
        case .resolved, .escalatedOut, .handedOff: [.inProgress, .closed]
        case .closed: [.inProgress]
        default: Set(working.filter { $0 != status } + [.restored, .escalatedOut, .handedOff])
        }
    }

    static func gates(for target: TicketStatus, facts: ExitFacts) -> [ExitGate] {
        var gates: [ExitGate] = []
        switch target {
        case .resolved:
            if !facts.restoredAndTested { gates.append(.serviceRestoredAndTested) }
            if !facts.verificationAttempted { gates.append(.verificationAttempted) }
        case .escalatedOut, .handedOff:
            if !facts.exitPathRecorded { gates.append(.exitPathRecorded) }
            if !facts.clientInformed { gates.append(.clientInformed) }
        case .closed:
            if !facts.restoredAndTested && !facts.exitPathRecorded { gates.append(.serviceRestoredAndTested) }
            if !facts.verificationAttempted { gates.append(.verificationAttempted) }
        default:
            return []
        }
        if !facts.hasResolutionNote { gates.append(.resolutionNote) }
        if facts.minutesLogged <= 0 { gates.append(.timeEntered) }
        return gates
    }
}

@Suite struct ProcessDefinitionTests {
    @Test func theDefaultDefinitionIsValid() {
        #expect(ProcessValidator.problems(in: .msp04c) == [])
    }

    @Test func theDefaultGivesExactlyTheMachineMendEnforcedForEveryPairOfStatuses() {
        for from in TicketStatus.allCases {
            for to in TicketStatus.allCases {
                let legal = Reference.targets(from: from).contains(to)
                #expect(StatusMachine.targets(from: from).contains(to) == legal, "\(from.rawValue) -> \(to.rawValue)")
                let requestable = legal && to != .restored
                #expect(StatusMachine.requestable(from: from).contains(to) == requestable, "\(from.rawValue) -> \(to.rawValue)")
                let reopen = legal && !from.isOpen && to == .inProgress
                #expect(StatusMachine.isReopen(from: from, to: to) == reopen, "\(from.rawValue) -> \(to.rawValue)")
            }
        }
    }

    @Test func theDefaultAsksForExactlyTheGatesMendAskedForOnEveryMoveAndEveryRecord() {
        // Every combination of the six facts, on every legal move that is not a reopen.
        for bits in 0..<64 {
            let facts = ExitFacts(
                restoredAndTested: bits & 1 != 0, exitPathRecorded: bits & 2 != 0, verificationAttempted: bits & 4 != 0,
                clientInformed: bits & 8 != 0, hasResolutionNote: bits & 16 != 0, minutesLogged: bits & 32 != 0 ? 5 : 0)
            for from in TicketStatus.allCases {
                for to in StatusMachine.targets(from: from) where !StatusMachine.isReopen(from: from, to: to) {
                    #expect(
                        ExitGates.unmet(from: from, to: to, facts: facts) == Reference.gates(for: to, facts: facts),
                        "\(from.rawValue) -> \(to.rawValue) with \(bits)")
                }
            }
        }
    }

    @Test func theDefaultKeepsTheStatusesNamesAndKinds() {
        #expect(TicketStatus.working == Reference.working)
        #expect(TicketStatus.exits == [.resolved, .escalatedOut, .handedOff])
        #expect(TicketStatus.waitingOnThirdParty.title == "Waiting on Third Party")
        #expect(ClientView.status(.restored) == "Fixed: please check")
        #expect(TicketStatus.handedOff.isTransfer && !TicketStatus.resolved.isTransfer)
    }

    @Test func aDefinitionRoundTripsThroughItsDocument() throws {
        var definition = ProcessDefinition.msp04c
        definition.version = 3
        definition.subprocesses[0].checklists = [ProcessChecklist(name: "VPN down", items: ["WAN up?", "Tunnel up?"])]
        let parsed = try ProcessDefinition.parse(definition.json())
        #expect(parsed == definition)
        #expect(parsed.json() == definition.json())
    }

    @Test func aShortDocumentLeavesOptionalListsOut() throws {
        var object = try #require(JSONSerialization.jsonObject(with: ProcessDefinition.msp04c.json()) as? [String: Any])
        var roles = try #require(object["roles"] as? [[String: Any]])
        roles[0].removeValue(forKey: "onsite")
        roles[0].removeValue(forKey: "client")
        object["roles"] = roles
        let parsed = try ProcessDefinition.parse(JSONSerialization.data(withJSONObject: object))
        #expect(parsed.roles[0].onsite == false)
    }

    @Test func renamedStatusesAndRolesShowWhereTheRulesAreInForce() throws {
        var definition = ProcessDefinition.msp04c
        definition.statuses[3].name = "Awaiting customer"
        definition.statuses[3].clientName = "Over to you"
        definition.roles[0].name = "Field technician"
        try ProcessValidator.validate(definition)
        ProcessRules.$source.withValue(ProcessRulesSource(ProcessRules(definition))) {
            #expect(TicketStatus.waitingOnClient.title == "Awaiting customer")
            #expect(ClientView.status(.waitingOnClient) == "Over to you")
            #expect(ProcessRules.current.roles.first { $0.key == "engineer" }?.name == "Field technician")
        }
        #expect(TicketStatus.waitingOnClient.title == "Waiting on Client")
    }

    @Test func aMovesGatesComeFromTheDefinition() throws {
        var definition = ProcessDefinition.msp04c
        // An MSP that also wants time entered before a ticket goes back to work from Restored.
        definition.moves[3].gates = [.gate("time_entered")]
        try ProcessValidator.validate(definition)
        ProcessRules.$source.withValue(ProcessRulesSource(ProcessRules(definition))) {
            #expect(ExitGates.unmet(from: .restored, to: .inProgress, facts: ExitFacts()) == [.timeEntered])
        }
    }
}

@Suite struct ProcessValidatorTests {
    private func problems(_ change: (inout ProcessDefinition) -> Void) -> [FieldProblem] {
        var definition = ProcessDefinition.msp04c
        change(&definition)
        return ProcessValidator.problems(in: definition)
    }

    @Test func aStatusNobodyCanLeaveIsRefused() {
        let found = problems { $0.moves.removeAll { $0.kind == .reopen } }
        #expect(found.contains(FieldProblem(field: "statuses[13]", message: "nobody can leave \"closed\": no move starts there")))
    }

    @Test func anExitWithoutItsGatesIsRefused() {
        let found = problems { $0.moves[4].gates = [.gate("resolution_note")] }
        #expect(
            found == [
                FieldProblem(
                    field: "moves[4].gates",
                    message: "a move into resolved must require service_restored_and_tested, verification_attempted, time_entered"
                )
            ])
        let closing = problems { $0.moves[6].gates.removeFirst() }
        #expect(closing.map(\.field) == ["moves[6].gates"])
    }

    @Test func aRoleNobodyCanHoldIsRefused() {
        let found = problems {
            $0.subprocesses[3].tasks[0].role = "dispatcher"
            $0.roles[2].permissions = []
        }
        #expect(
            found.contains(FieldProblem(field: "subprocesses[3].tasks[0].role", message: "names no role: nobody can hold it")))
        #expect(found.map(\.field).contains("roles[2].permissions"))
    }

    @Test func aDanglingMoveIsRefused() {
        let found = problems { $0.moves.append(ProcessMove(from: ["@work"], to: ["waiting_on_carrier"])) }
        #expect(found == [FieldProblem(field: "moves[7].to[0]", message: "names no status: the move dangles")])
    }

    @Test func everyProblemIsListedAtOnceByItsPath() {
        let found = problems {
            $0.schema = "mend-process/0"
            $0.statuses.removeAll { $0.key == "with_sme" }
            $0.roles.removeAll { $0.key == "csr" }
            $0.statuses[0].pauses = ["lunch"]
            $0.moves[0].to.append("@limbo")
            $0.subprocesses[1].tasks[2].event = "smoke_signal"
        }
        let fields = found.map(\.field)
        for field in [
            "schema", "roles", "statuses", "statuses[0].pauses[0]", "statuses[0].pauses", "moves[0].to[2]",
            "subprocesses[1].tasks[2].event",
        ] {
            #expect(fields.contains(field), "\(field) in \(fields)")
        }
    }

    @Test func aPairNamedByTwoMovesIsRefused() {
        let found = problems { $0.moves.append(ProcessMove(from: ["in_progress"], to: ["assigned"])) }
        #expect(found == [FieldProblem(field: "moves[7]", message: "repeats the move in_progress -> assigned of moves[0]")])
    }

    @Test func restoredIsReachedOnlyByARecord() {
        let found = problems { $0.moves[1].kind = .request }
        #expect(found.map(\.field) == ["moves[1].kind"])
    }

    @Test func aMisspeltFieldIsRefusedNotDropped() throws {
        var object = try #require(JSONSerialization.jsonObject(with: ProcessDefinition.msp04c.json()) as? [String: Any])
        var statuses = try #require(object["statuses"] as? [[String: Any]])
        statuses[2]["outcom"] = "restored"
        object["statuses"] = statuses
        object["colour"] = "blue"
        #expect(
            throws: ValidationError([
                FieldProblem(field: "colour", message: "is not a field of the process schema"),
                FieldProblem(field: "statuses[2].outcom", message: "is not a field of the process schema"),
            ])
        ) {
            try ProcessDefinition.parse(JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test func aMissingFieldIsNamedByItsPath() throws {
        var object = try #require(JSONSerialization.jsonObject(with: ProcessDefinition.msp04c.json()) as? [String: Any])
        var moves = try #require(object["moves"] as? [[String: Any]])
        moves[2].removeValue(forKey: "to")
        object["moves"] = moves
        #expect(throws: ValidationError([FieldProblem(field: "moves[2].to", message: "is required")])) {
            try ProcessDefinition.parse(JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test func anOptionalMemberSentAsNullIsRefusedNotTakenAsLeftOut() throws {
        var object = try #require(JSONSerialization.jsonObject(with: ProcessDefinition.msp04c.json()) as? [String: Any])
        var statuses = try #require(object["statuses"] as? [[String: Any]])
        statuses[0]["outcome"] = NSNull()
        object["statuses"] = statuses
        #expect(throws: ValidationError([FieldProblem(field: "statuses[0].outcome", message: "must not be null: leave it out")]))
        {
            try ProcessDefinition.parse(JSONSerialization.data(withJSONObject: object))
        }
    }
}
