import Foundation
import MendCore
import Testing

/// The `Ticket` aggregate: every change checks its rules and returns its events.
@Suite struct TicketAggregateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let engineer = UUID()
    let other = UUID()
    let settings = LifecycleSettings()

    func newTicket(_ impact: Impact = .high, _ urgency: Urgency = .high) -> Ticket {
        Ticket.open(
            impact: impact, urgency: urgency, source: .phone, assigneeID: nil, queueID: nil, matrix: .standard, now: now)
    }

    /// A ticket in work: assigned and In Progress.
    func working() throws -> Ticket {
        var t = newTicket()
        _ = t.assign(to: engineer, name: "Sam", now: now)
        _ = try t.transition(to: .inProgress, reason: nil, now: now, settings: settings)
        return t
    }

    /// A working ticket with an exit path, a resolution note and time logged: every gate for leaving Tier 2 met.
    func readyToLeave() throws -> Ticket {
        var t = try working()
        _ = try t.recordExitPath(party: "ISP", reference: "R1", summary: "Exit", visibility: .backstage)
        _ = t.writeResolution("Handed to the ISP", noteID: UUID(), roleKey: "engineer", by: "Sam")
        _ = try t.logTime(minutes: 5, workType: .communication, engineer: "Sam")
        return t
    }

    @Test func openingTakesThePriorityFromTheMatrixAndAssignedWhenItComesWithAnEngineer() {
        let t = newTicket(.high, .medium)
        #expect(t.priority == .p2)
        #expect(t.status == .new)
        let assigned = Ticket.open(
            impact: .low, urgency: .low, source: .portal, assigneeID: engineer, queueID: nil, matrix: .standard, now: now)
        #expect(assigned.status == .assigned)
        #expect(assigned.openedEvent(summary: "x").after?["status"] == "assigned")
    }

    @Test func assignmentMovesNewAndAssignedBothWays() {
        var t = newTicket()
        let assigned = t.assign(to: engineer, name: "Sam", now: now)
        #expect(t.status == .assigned)
        #expect(assigned.map(\.kind) == [.assigned, .statusChanged])
        let unassigned = t.assign(to: nil, name: "nobody", now: now.addingTimeInterval(60))
        #expect(t.status == .new)
        #expect(t.statusSince == now.addingTimeInterval(60))
        #expect(unassigned.last?.after?["status"] == "new")
        #expect(t.assign(to: nil, name: "nobody", now: now).isEmpty)
    }

    @Test func unassigningAWorkedTicketKeepsItsStatus() throws {
        var t = try working()
        _ = t.assign(to: nil, name: "nobody", now: now)
        #expect(t.status == .inProgress)
    }

    @Test func restoredOnlyThroughAPassingTest() throws {
        var t = try working()
        #expect(
            throws: TicketError.illegalTransition(
                from: .inProgress, to: .restored, allowed: StatusMachine.requestable(from: .inProgress))
        ) {
            _ = try t.transition(to: .restored, reason: nil, now: now, settings: settings)
        }
        #expect(t.status == .inProgress)
        let failed = try t.recordRestorationTest("ping", result: .failed, now: now)
        #expect(failed.map(\.kind) == [.restorationTested])
        #expect(t.status == .inProgress && !t.restoredTested)
        let passed = try t.recordRestorationTest("ping", result: .passed, now: now)
        #expect(passed.map(\.kind) == [.restorationTested, .statusChanged])
        #expect(t.status == .restored && t.restoredTested)
        #expect(!t.options().map(\.status).contains(.restored))
    }

    @Test func resolvingNamesEveryMissingGateThenPasses() throws {
        var t = try working()
        _ = try t.recordRestorationTest("ping", result: .passed, now: now)
        #expect(
            throws: TicketError.exitGatesUnmet(target: .resolved, gates: [.verificationAttempted, .resolutionNote, .timeEntered])
        ) {
            _ = try t.transition(to: .resolved, reason: nil, now: now, settings: settings)
        }
        _ = try t.recordVerification(channel: .phone, outcome: .confirmed, now: now, earlier: [], settings: settings)
        _ = t.writeResolution("Fixed the router", noteID: UUID(), roleKey: "engineer", by: "Sam")
        _ = try t.logTime(minutes: 30, workType: .remediation, engineer: "Sam")
        let events = try t.transition(to: .resolved, reason: nil, now: now, settings: settings)
        #expect(events.map(\.kind) == [.statusChanged])
        #expect(t.status == .resolved && t.exitedAt == now)
    }

    @Test func stillBrokenSendsTheWorkBack() throws {
        var t = try working()
        _ = try t.recordRestorationTest("ping", result: .passed, now: now)
        let events = try t.recordVerification(channel: .phone, outcome: .stillBroken, now: now, earlier: [], settings: settings)
        #expect(events.map(\.kind) == [.verificationAttempted, .statusChanged])
        #expect(t.status == .inProgress && !t.restoredTested && !t.verificationAttempted)
    }

    @Test func threeQuickNoAnswersDoNotPassTheGate() throws {
        var t = try working()
        _ = try t.recordRestorationTest("ping", result: .passed, now: now)
        var earlier: [VerificationAttempt] = []
        for second in [0, 20, 40] {
            let at = now.addingTimeInterval(Double(second))
            _ = try t.recordVerification(channel: .phone, outcome: .noAnswer, now: at, earlier: earlier, settings: settings)
            earlier.append(VerificationAttempt(at: at, outcome: .noAnswer))
        }
        #expect(!t.verificationAttempted)
        for hour in [1, 2] {
            let at = now.addingTimeInterval(Double(hour) * 3_600)
            _ = try t.recordVerification(channel: .email, outcome: .noAnswer, now: at, earlier: earlier, settings: settings)
            earlier.append(VerificationAttempt(at: at, outcome: .noAnswer))
        }
        #expect(t.verificationAttempted)
    }

    @Test(arguments: [TicketExitKind.thirdParty, .clientIT])
    func transfersNeedTheClientToldAfterTheExitIsRecorded(kind: TicketExitKind) throws {
        var t = try working()
        _ = try t.logTime(minutes: 15, workType: .diagnosis, engineer: "Sam")
        // A message before the exit was decided is not about the transfer.
        _ = t.addNote(id: UUID(), visibility: .onstage, author: .staff(roleKey: "engineer", call: nil), authorName: "Sam")
        #expect(t.clientInformed)
        _ = try t.recordExitPath(party: "Carrier NOC", reference: "LMN-1", summary: "Exit", visibility: .onstage, kind: kind)
        // A handover to the client's own IT is made to the client's people; a third party needs the client told.
        #expect(t.clientInformed == (kind == .clientIT))
        _ = t.writeResolution("The carrier repairs the line", noteID: UUID(), roleKey: "engineer", by: "Sam")
        let left = t.leave(by: kind, detail: "Carrier NOC", now: now)
        #expect(left.unmet.isEmpty)
        #expect(t.status == kind.status)
        #expect(!t.verificationAttempted, "a transfer needs no verification of a restoration")
    }

    @Test func aLoggedCallTellsTheClientAndAnInternalNoteDoesNot() throws {
        var t = try working()
        _ = try t.recordExitPath(party: "ISP", reference: nil, summary: "Exit", visibility: .backstage)
        _ = t.addNote(id: UUID(), visibility: .backstage, author: .staff(roleKey: "engineer", call: nil), authorName: "Sam")
        #expect(!t.clientInformed)
        let call = t.addNote(
            id: UUID(), visibility: .backstage, author: .staff(roleKey: "engineer", call: .phone), authorName: "Sam")
        #expect(t.clientInformed)
        #expect(call.after?["call"] == "phone")
    }

    @Test func aClientNoteTellsNobody() throws {
        var t = try working()
        _ = try t.recordExitPath(party: "ISP", reference: nil, summary: "Exit", visibility: .backstage)
        let event = t.addNote(id: UUID(), visibility: .onstage, author: .client, authorName: "Dana")
        #expect(!t.clientInformed)
        #expect(event.after?["by"] == "client")
    }

    @Test func theCSRIsNotTier2() {
        #expect(NoteAuthor.staff(roleKey: "engineer", call: nil).isTier2)
        #expect(!NoteAuthor.staff(roleKey: "csr", call: nil).isTier2)
        #expect(!NoteAuthor.client.isTier2)
        var t = newTicket()
        let note = t.addNote(id: UUID(), visibility: .onstage, author: .staff(roleKey: "csr", call: nil), authorName: "Cy")
        #expect(note.after?["tier2"] == "false")
    }

    @Test func reopenClearsWhatBelongedToTheExitAndCounts() throws {
        var t = try readyToLeave()
        _ = try t.transition(to: .escalatedOut, reason: nil, now: now, settings: settings)
        #expect(throws: TicketError.reasonRequired(action: "reopen")) {
            _ = try t.transition(to: .inProgress, reason: " ", now: now, settings: settings)
        }
        let later = now.addingTimeInterval(3_600)
        let events = try t.transition(to: .inProgress, reason: "Down again", now: later, settings: settings)
        #expect(events.map(\.kind) == [.reopened])
        #expect(t.reopenCount == 1 && t.exitParty == nil && t.resolution == nil && !t.clientInformed)
        #expect(t.minutesLogged == 5)
    }

    @Test func reopenAfterTheWindowIsRefusedByTheOneRule() throws {
        var t = try readyToLeave()
        _ = try t.transition(to: .handedOff, reason: nil, now: now, settings: settings)
        let late = now.addingTimeInterval(Double(ReopenRule.defaultWindowSeconds + 1))
        #expect(ReopenRule.windowPassed(exitedAt: now, now: late, windowSeconds: ReopenRule.defaultWindowSeconds))
        #expect(
            ReopenDecision.decide(exitedAt: now, now: late, windowSeconds: ReopenRule.defaultWindowSeconds) == .newLinkedTicket)
        #expect(throws: TicketError.reopenWindowPassed(resolvedAt: now, windowSeconds: ReopenRule.defaultWindowSeconds)) {
            _ = try t.transition(to: .inProgress, reason: "again", now: late, settings: settings)
        }
    }

    @Test func workOnATicketThatLeftTier2IsRefused() throws {
        var t = try readyToLeave()
        _ = try t.transition(to: .escalatedOut, reason: nil, now: now, settings: settings)
        #expect(throws: TicketError.notOpen(action: "Restoration", status: .escalatedOut)) {
            _ = try t.recordRestorationTest("ping", result: .passed, now: now)
        }
        #expect(t.enterPath(waiting: .waitingOnParts, detail: "part", now: now).isEmpty)
    }

    @Test func timeIsRefusedOnAClosedTicketOnly() throws {
        var t = try working()
        _ = try t.recordRestorationTest("ping", result: .passed, now: now)
        _ = try t.recordVerification(channel: .phone, outcome: .confirmed, now: now, earlier: [], settings: settings)
        _ = t.writeResolution("Fixed", noteID: UUID(), roleKey: "engineer", by: "Sam")
        _ = try t.logTime(minutes: 30, workType: .remediation, engineer: "Sam")
        _ = try t.transition(to: .resolved, reason: nil, now: now, settings: settings)
        _ = try t.logTime(minutes: 5, workType: .administration, engineer: "Sam")
        _ = try t.transition(to: .closed, reason: nil, now: now, settings: settings)
        #expect(t.closedAt == now)
        #expect(throws: TicketError.closed) { _ = try t.logTime(minutes: 5, workType: .administration, engineer: "Sam") }
    }

    @Test func takingATicketSomeoneElseWorksIsRefusedWithTheirName() throws {
        var t = try working()
        #expect(throws: TicketError.takenBy("Sam")) {
            _ = try t.take(by: other, name: "Olu", assigneeName: "Sam", now: now)
        }
        #expect(t.assigneeID == engineer)
        // Assigned but not started: the on-call engineer may take it over.
        var waiting = newTicket()
        _ = waiting.assign(to: engineer, name: "Sam", now: now)
        _ = try waiting.take(by: other, name: "Olu", assigneeName: "Sam", now: now)
        #expect(waiting.assigneeID == other)
    }

    @Test func pathsWaitAndResumeWhenTheMachineAllows() throws {
        var t = try working()
        #expect(t.enterPath(waiting: .waitingOnParts, detail: "PSU", now: now).first?.after?["status"] == "waiting_on_parts")
        #expect(t.leavePath(waiting: .withSME, detail: "x", now: now).isEmpty)
        #expect(t.leavePath(waiting: .waitingOnParts, detail: "arrived", now: now).count == 1)
        #expect(t.status == .inProgress)
        var fresh = newTicket()
        #expect(fresh.startWork(detail: "troubleshooting started", now: now).count == 1)
        #expect(fresh.status == .inProgress)
    }

    @Test func loweringPriorityNeedsAReasonAndThePermission() throws {
        var t = newTicket(.high, .high)
        #expect(throws: TicketError.notPermitted(.lowerPriority)) {
            _ = try t.changePriority(impact: .low, urgency: nil, matrix: .standard, reason: "x", permissions: [])
        }
        #expect(throws: TicketError.reasonRequired(action: "lower priority")) {
            _ = try t.changePriority(impact: .low, urgency: nil, matrix: .standard, reason: nil, permissions: [.lowerPriority])
        }
        let events = try t.changePriority(
            impact: .low, urgency: nil, matrix: .standard, reason: "Only one user", permissions: [.lowerPriority])
        #expect(t.priority == .p3)
        #expect(events.first?.after?["reason"] == "Only one user")
        #expect(t.raisePriority(to: .p4, why: "L1").isEmpty)
        #expect(t.raisePriority(to: .p1, why: "L1").count == 1)
        #expect(t.priority == .p1)
    }

    @Test func alertRepeatsCountOnTheTicket() {
        var t = Ticket.open(
            impact: .high, urgency: .high, source: .monitoringAlert, assigneeID: nil, queueID: nil, matrix: .standard,
            now: now)
        #expect(t.alertCount == 1)
        let event = t.alertRepeated(at: now.addingTimeInterval(60), summary: "Disk full", fingerprint: "f1")
        #expect(t.alertCount == 2 && t.alertLastSeen == now.addingTimeInterval(60))
        #expect(event.after == ["count": "2", "fingerprint": "f1"])
    }

    @Test func aPageEndsOnceSomeoneWorksTheTicketOrItLeaves() throws {
        var t = newTicket()
        #expect(PageRule.endReason(for: t) == nil)
        _ = t.assign(to: engineer, name: "Sam", now: now)
        #expect(PageRule.endReason(for: t) == nil, "assigned but not worked: the page still matters")
        #expect(PageRule.endReason(for: t, takenBy: "Olu") == "Olu took the ticket")
        _ = try t.transition(to: .inProgress, reason: nil, now: now, settings: settings)
        #expect(PageRule.endReason(for: t)?.contains("being worked") == true)
    }

    @Test func firedKeysKeepTheirTextAndPriorityScope() {
        var keys = FiredKeys(text: "p1.L1 page csr")
        #expect(keys.watchKeys(for: .p1) == ["L1", "page", "csr"])
        #expect(keys.watchKeys(for: .p2) == ["page", "csr"])
        keys.insert("p2.L1")
        #expect(keys.text == "csr p1.L1 p2.L1 page")
        #expect(FiredKeys(text: nil).keys.isEmpty)
    }
}

/// Rules of part C that live beside the aggregate.
@Suite struct ProcessRuleTests {
    @Test func onlyTier2RespondsToTheClock() {
        #expect(SlaResponseRule.responds(status: .inProgress))
        #expect(SlaResponseRule.responds(status: .restored))
        for status in TicketStatus.allCases where status != .inProgress && status != .restored {
            #expect(!SlaResponseRule.responds(status: status), "\(status)")
        }
        #expect(SlaResponseRule.respondsByNote(tier2: true))
        #expect(!SlaResponseRule.respondsByNote(tier2: false))
    }

    @Test func aClientActionReachesTheAssigneeElseTheWatchers() {
        let (assignee, onCall, manager) = (UUID(), UUID(), UUID())
        #expect(ClientActivityRule.recipients(assignee: assignee, onCall: [onCall], managers: [manager]) == [assignee])
        #expect(
            ClientActivityRule.recipients(assignee: nil, onCall: [onCall, manager], managers: [manager])
                == [onCall, manager])
        #expect(ClientActivityRule.recipients(assignee: nil, onCall: [], managers: []).isEmpty)
        #expect(ClientActivityRule.notifies(rating: 3) && !ClientActivityRule.notifies(rating: 4))
    }

    @Test func anAlertKeepsWhenItsIncidentStartedAndItsSite() throws {
        let alert = try IncomingAlert.parse(object: [
            "source": "zabbix", "fingerprint": "fw9", "status": "firing", "company": "ACME", "site": "Warehouse 9",
            "summary": "Firewall down", "startsAt": "2026-11-18T08:20:00.500Z",
        ])
        #expect(alert.siteName == "Warehouse 9")
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_794_990_000.5))
        #expect(throws: ValidationError.self) {
            _ = try IncomingAlert.parse(object: [
                "source": "zabbix", "fingerprint": "fw9", "status": "firing", "company": "ACME", "summary": "x",
                "startsAt": "2026-02-30T08:20:00Z",
            ])
        }
    }
}
