import Foundation
import MendCore
import Testing

extension ProcessDefinition {
    /// MSP-04c with "Waiting on carrier" of the MSP's own after Waiting on Third Party: it pauses restoration and
    /// resolution, and its time reports as waiting on a third party.
    static var withCarrier: ProcessDefinition {
        var definition = ProcessDefinition.msp04c
        definition.statuses.insert(
            ProcessStatus(
                key: "waiting_on_carrier", name: "Waiting on carrier", clientName: "With your carrier",
                clientText: "Your carrier is working on the line.", kind: .waiting, pauses: ["restoration", "resolution"],
                reportsAs: "waiting_on_third_party"),
            at: 7)
        return definition
    }

    /// `withCarrier` with the carrier status dropped again, its tickets sent to Waiting on Vendor.
    static var carrierRetired: ProcessDefinition {
        var definition = ProcessDefinition.msp04c
        definition.retired = [
            RetiredStatus(
                key: "waiting_on_carrier", name: "Waiting on carrier", reportsAs: "waiting_on_third_party",
                pauses: ["restoration", "resolution"], becomes: "waiting_on_vendor")
        ]
        return definition
    }
}

/// Runs `body` under the rules of `definition`, as a server does after applying it.
func under<T>(_ definition: ProcessDefinition, _ body: () throws -> T) rethrows -> T {
    try ProcessRules.$source.withValue(ProcessRulesSource(ProcessRules(definition)), operation: body)
}

/// A status the MSP adds to its definition: offered at once, pausing the clocks it names, reported in the module's
/// columns; and, when dropped again, retired with a home for its tickets.
@Suite struct OwnStatusTests {
    let carrier = TicketStatus(rawValue: "waiting_on_carrier")!
    /// Weekdays 08:00 to 17:00 in New York: Monday 2026-11-30 09:00 there is 14:00Z.
    let newYork = try! BusinessCalendar.parse(
        json: Data(
            #"{"timezone": "America/New_York", "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","17:00"]], "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]]}, "holidays": []}"#
                .utf8))

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func anAddedWaitingStatusIsOfferedAtOnceAndWorksLikeTheModulesOwn() {
        #expect(ProcessValidator.problems(in: .withCarrier).isEmpty)
        under(.withCarrier) {
            #expect(TicketStatus(known: "waiting_on_carrier") == carrier)
            #expect(StatusMachine.requestable(from: .inProgress).contains(carrier))
            #expect(StatusMachine.requestable(from: carrier).contains(.inProgress))
            #expect(StatusMachine.targets(from: carrier).contains(.restored))
            #expect(carrier.title == "Waiting on carrier" && carrier.kind == .waiting && carrier.isOpen)
            #expect(TicketStatus.working.contains(carrier) && !carrier.isModule)
            #expect(carrier.reportsAs == .waitingOnThirdParty)
            #expect(TicketStatus.allCases.firstIndex(of: carrier) == 7)
            #expect(SlaPolicy.pausableStatuses.contains(carrier))
        }
        // Under the module alone it is no status at all: input naming it is refused.
        #expect(TicketStatus(known: "waiting_on_carrier") == nil)
        #expect(!StatusMachine.requestable(from: .inProgress).contains(carrier))
    }

    @Test func anAddedStatusPlacedInASubProcessShowsInItsDetail() {
        var definition = ProcessDefinition.withCarrier
        definition.subprocesses[6].statuses.insert("waiting_on_carrier", at: 1)
        #expect(ProcessValidator.problems(in: definition).isEmpty)
        #expect(
            ProcessReports.detail(definition)[6].statuses == ["Waiting on Third Party", "Waiting on carrier", "Escalated Out"])
    }

    @Test func aTicketMovesIntoAndOutOfTheAddedStatus() throws {
        try under(.withCarrier) {
            var ticket = Ticket.sample(status: .inProgress)
            let into = try ticket.transition(to: carrier, reason: nil, now: Date(), settings: LifecycleSettings())
            #expect(ticket.status == carrier && into.first?.after?["status"] == "waiting_on_carrier")
            _ = try ticket.transition(to: .inProgress, reason: nil, now: Date(), settings: LifecycleSettings())
            #expect(ticket.status == .inProgress)
        }
    }

    @Test func theValidatorNamesWhatAnAddedStatusLacks() {
        func problems(_ change: (inout ProcessStatus) -> Void) -> [String] {
            var definition = ProcessDefinition.withCarrier
            change(&definition.statuses[7])
            return ProcessValidator.problems(in: definition).map(\.field)
        }
        #expect(problems { $0.reportsAs = nil } == ["statuses[7].reports_as"])
        #expect(problems { $0.reportsAs = "in_progress" } == ["statuses[7].reports_as"])
        #expect(problems { $0.reportsAs = "waiting_on_nobody" } == ["statuses[7].reports_as"])
        #expect(
            problems {
                $0.kind = .intake; $0.pauses = []
            } == ["statuses[7].kind"])
        var module = ProcessDefinition.msp04c
        module.statuses[2].reportsAs = "in_progress"
        #expect(ProcessValidator.problems(in: module).map(\.field) == ["statuses[2].reports_as"])
    }

    @Test func anAddedStatusPausesTheClocksItNamesUnderEveryPolicy() {
        // Monday 09:00 New York in progress, with the carrier from 10:00 Monday to 10:00 Tuesday.
        let history = SlaHistory(
            start: at("2026-11-30T14:00:00Z"),
            facts: [
                .status(at("2026-11-30T14:00:00Z"), .inProgress), .response(at("2026-11-30T14:00:00Z")),
                .status(at("2026-11-30T15:00:00Z"), carrier), .status(at("2026-12-01T15:00:00Z"), .inProgress),
            ])
        // A policy that lists no status at all: the carrier pauses what its definition says regardless.
        var bare = SlaPolicy.standard
        for priority in Priority.allCases {
            for clock in SlaClockKind.allCases { bare.targets[priority]?[clock]?.pausedBy = [] }
        }
        let clocks = under(.withCarrier) {
            SlaEngine.clocks(history: history, priority: .p2, policy: bare, calendar: newYork, now: at("2026-12-01T15:00:00Z"))
        }
        // 1 h used on Monday, 7 h left from Tuesday 10:00: Tuesday 17:00 New York.
        #expect(clocks.first { $0.kind == .restoration }?.dueAt == at("2026-12-01T22:00:00Z"))
        let running = SlaEngine.clocks(
            history: history, priority: .p2, policy: bare, calendar: newYork, now: at("2026-12-01T15:00:00Z"))
        #expect(running.first { $0.kind == .restoration }?.dueAt != at("2026-12-01T22:00:00Z"))
        // The update cadence is not among the clocks it names, so it runs on while waiting on the carrier.
        let whileWaiting = under(.withCarrier) {
            SlaEngine.clocks(
                history: SlaHistory(start: history.start, facts: Array(history.facts.dropLast())), priority: .p2,
                policy: bare, calendar: newYork, now: at("2026-11-30T16:00:00Z"))
        }
        #expect(whileWaiting.first { $0.kind == .restoration }?.phase == .paused)
        #expect(whileWaiting.first { $0.kind == .update }?.phase == .running)
    }

    @Test func droppingAnAddedStatusNeedsWhereItsTicketsGo() {
        #expect(ProcessValidator.changeProblems(from: .withCarrier, to: .msp04c).map(\.field) == ["retired"])
        #expect(ProcessValidator.changeProblems(from: .withCarrier, to: .carrierRetired).isEmpty)
        #expect(ProcessValidator.problems(in: .carrierRetired).isEmpty)
        // A retired status stays listed: history still names it.
        #expect(ProcessValidator.changeProblems(from: .carrierRetired, to: .msp04c).map(\.field) == ["retired"])
        var nowhere = ProcessDefinition.carrierRetired
        nowhere.retired?[0].becomes = "closed"
        nowhere.retired?[0].reportsAs = "resolved"
        nowhere.retired?[0].pauses = ["lunch"]
        #expect(
            ProcessValidator.problems(in: nowhere).map(\.field)
                == ["retired[0].pauses[0]", "retired[0].reports_as", "retired[0].becomes"])
        var both = ProcessDefinition.withCarrier
        both.retired = ProcessDefinition.carrierRetired.retired
        #expect(ProcessValidator.problems(in: both).map(\.field) == ["retired[0].key"])
    }

    @Test func aTicketInARetiredStatusMovesWhereTheDefinitionSaysAndKeepsItsName() {
        under(.carrierRetired) {
            var ticket = Ticket.sample(status: carrier)
            #expect(carrier.title == "Waiting on carrier" && carrier.reportsAs == .waitingOnThirdParty)
            #expect(TicketStatus(known: "waiting_on_carrier") == carrier)
            #expect(!StatusMachine.requestable(from: .inProgress).contains(carrier))
            let event = ticket.leaveRetiredStatus(now: Date())
            #expect(ticket.status == .waitingOnVendor)
            #expect(event?.after?["status"] == "waiting_on_vendor" && event?.before?["status"] == "waiting_on_carrier")
            #expect(ticket.leaveRetiredStatus(now: Date()) == nil)
        }
    }

    @Test func timeInAnAddedStatusIsReportedInTheColumnOfTheStatusItReportsAs() {
        func event(_ time: String, _ change: HistoryChange) -> HistoryEvent { HistoryEvent(at: at(time), actor: nil, change) }
        let history = TicketHistory(
            start: at("2026-11-30T14:00:00Z"),
            events: [
                event("2026-11-30T14:00:00Z", .opened(.assigned)), event("2026-11-30T14:20:00Z", .moved(.inProgress)),
                event("2026-11-30T15:00:00Z", .moved(carrier)), event("2026-12-01T15:00:00Z", .moved(.inProgress)),
                event("2026-12-01T16:00:00Z", .moved(.restored)),
            ], currentAssignee: nil)
        let facts = under(.withCarrier) {
            TicketKpis.facts(
                history: history, priority: .p2, policy: .standard, calendar: newYork, now: at("2026-12-02T12:00:00Z"))
        }
        // Carrier time, Monday 10:00 to 17:00 and Tuesday 08:00 to 10:00, is 9 business hours, paused.
        #expect(facts.restoration?.pausedSeconds == 32_400)
        #expect(
            facts.restoration?.secondsByStatus == [.assigned: 1200, .inProgress: 6000, .waitingOnThirdParty: 32_400])
        #expect(facts.clocks[.restoration]?.outcome == .met)
    }

    @Test func aLogoIsAnImageCarriedInTheDocument() {
        var definition = ProcessDefinition.msp04c
        definition.logo = "https://example.com/logo.png"
        #expect(ProcessValidator.problems(in: definition).map(\.field) == ["logo"])
        definition.logo = "data:image/png;base64,not base64!"
        #expect(ProcessValidator.problems(in: definition).map(\.field) == ["logo"])
        definition.logo =
            "data:image/svg+xml;base64," + Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8).base64EncodedString()
        #expect(ProcessValidator.problems(in: definition).isEmpty)
    }
}

extension Ticket {
    /// A P3 phone ticket in `status`, assigned, with nothing recorded yet.
    static func sample(status: TicketStatus) -> Ticket {
        Ticket(
            status: status, statusSince: Date(timeIntervalSince1970: 1_790_000_000), impact: .medium, urgency: .medium,
            priority: .p3, source: .phone, assigneeID: UUID())
    }
}

/// The document of a definition with statuses of the MSP's own reads back as it was written.
@Suite struct OwnStatusDocumentTests {
    @Test func aStatusOfYourOwnARetiredOneAndTheLogoRoundTripThroughTheDocument() throws {
        var definition = ProcessDefinition.withCarrier
        definition.retired = [
            RetiredStatus(key: "waiting_on_lab", name: "Waiting on lab", reportsAs: "waiting_on_vendor", becomes: "in_progress")
        ]
        definition.logo = "data:image/png;base64,iVBORw0KGgo="
        #expect(try ProcessDefinition.parse(definition.json()) == definition)
    }
}
