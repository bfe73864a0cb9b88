import Foundation
import MendCore
import Testing

@Suite struct TransitionRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let allMet = ExitFacts(
        restoredAndTested: true, exitPathRecorded: false, verificationAttempted: true, hasResolutionNote: true,
        minutesLogged: 30)

    @Test func illegalTransitionListsTheLegalOnes() {
        #expect(throws: TicketError.illegalTransition(from: .new, to: .closed, allowed: StatusMachine.targets(from: .new))) {
            try TransitionRules.check(TransitionRequest(from: .new, to: .closed, facts: allMet, now: now))
        }
    }

    @Test func sameStatusIsRefusedAsUnchanged() {
        #expect(throws: TicketError.unchanged(.inProgress)) {
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: .inProgress, facts: allMet, now: now))
        }
    }

    @Test func resolvingWithNothingDoneNamesEveryGate() {
        #expect(
            throws: TicketError.exitGatesUnmet(
                target: .resolved,
                gates: [.serviceRestoredAndTested, .verificationAttempted, .resolutionNote, .timeEntered])
        ) {
            try TransitionRules.check(TransitionRequest(from: .restored, to: .resolved, facts: ExitFacts(), now: now))
        }
    }

    @Test func resolvingWithAllGatesMetIsAMove() throws {
        let kind = try TransitionRules.check(TransitionRequest(from: .restored, to: .resolved, facts: allMet, now: now))
        #expect(kind == .move)
    }

    @Test(arguments: [TicketStatus.escalatedOut, .handedOff])
    func leavingToAThirdPartyOrClientITNeedsTheClientToldNotAVerification(target: TicketStatus) throws {
        var facts = ExitFacts(hasResolutionNote: true, minutesLogged: 30)
        #expect(throws: TicketError.exitGatesUnmet(target: target, gates: [.exitPathRecorded, .clientInformed])) {
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: target, facts: facts, now: now))
        }
        facts.exitPathRecorded = true
        #expect(throws: TicketError.exitGatesUnmet(target: target, gates: [.clientInformed])) {
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: target, facts: facts, now: now))
        }
        facts.clientInformed = true
        #expect(try TransitionRules.check(TransitionRequest(from: .inProgress, to: target, facts: facts, now: now)) == .move)
    }

    @Test func restoredIsNeverAskedForByName() {
        #expect(
            throws: TicketError.illegalTransition(
                from: .inProgress, to: .restored, allowed: StatusMachine.requestable(from: .inProgress))
        ) {
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: .restored, facts: allMet, now: now))
        }
        #expect(!StatusMachine.requestable(from: .inProgress).contains(.restored))
        #expect(StatusMachine.targets(from: .inProgress).contains(.restored))
    }

    @Test func closingAHandedOffTicketAcceptsTheExitPath() throws {
        let facts = ExitFacts(exitPathRecorded: true, verificationAttempted: true, hasResolutionNote: true, minutesLogged: 5)
        #expect(try TransitionRules.check(TransitionRequest(from: .handedOff, to: .closed, facts: facts, now: now)) == .move)
    }

    @Test func nonExitMovesIgnoreGates() throws {
        #expect(try TransitionRules.check(TransitionRequest(from: .new, to: .inProgress, facts: ExitFacts(), now: now)) == .move)
    }

    @Test func reopenNeedsAReason() {
        #expect(throws: TicketError.reasonRequired(action: "reopen")) {
            try TransitionRules.check(
                TransitionRequest(from: .resolved, to: .inProgress, facts: allMet, reason: "  ", now: now, exitedAt: now))
        }
    }

    @Test func reopenWithinTheWindow() throws {
        let exited = now.addingTimeInterval(-3600)
        let kind = try TransitionRules.check(
            TransitionRequest(from: .resolved, to: .inProgress, facts: allMet, reason: "Broken again", now: now, exitedAt: exited)
        )
        #expect(kind == .reopen)
    }

    @Test func reopenAfterTheWindowIsRefused() {
        let exited = now.addingTimeInterval(-8 * 86_400)
        #expect(throws: TicketError.reopenWindowPassed(resolvedAt: exited, windowSeconds: 7 * 86_400)) {
            try TransitionRules.check(
                TransitionRequest(from: .closed, to: .inProgress, facts: allMet, reason: "Again", now: now, exitedAt: exited))
        }
    }

    /// Outcomes an hour apart each, so spacing never decides these cases.
    func hourly(_ outcomes: [VerificationOutcome]) -> [VerificationAttempt] {
        outcomes.enumerated().map {
            VerificationAttempt(at: now.addingTimeInterval(Double($0.offset) * 3_600), outcome: $0.element)
        }
    }

    @Test func verificationNeedsAConfirmationOrEnoughUnansweredAttempts() {
        let three = VerificationRule(unansweredNeeded: 3)
        let two = VerificationRule(unansweredNeeded: 2)
        #expect(!three.gateMet(hourly([.stillBroken])))
        #expect(three.gateMet(hourly([.confirmed])))
        #expect(!three.gateMet(hourly([.noAnswer, .noAnswer])))
        #expect(three.gateMet(hourly([.noAnswer, .noAnswer, .noAnswer])))
        // "Still broken" starts over: attempts before it no longer count.
        #expect(!two.gateMet(hourly([.confirmed, .stillBroken, .noAnswer])))
        #expect(two.gateMet(hourly([.noAnswer, .stillBroken, .noAnswer, .noAnswer])))
    }

    @Test func unansweredAttemptsCountOnlyWhenTheyAreRealTries() {
        let rule = VerificationRule(unansweredNeeded: 3, retryMinutes: 60)
        let clicks = (0..<3).map { VerificationAttempt(at: now.addingTimeInterval(Double($0) * 20), outcome: .noAnswer) }
        #expect(rule.countedUnanswered(clicks) == 1)
        #expect(!rule.gateMet(clicks))
        // 0, 59 and 61 minutes: the second is too soon after the first, the third counts.
        let minutes = [0, 59, 61, 120].map {
            VerificationAttempt(at: now.addingTimeInterval(Double($0) * 60), outcome: .noAnswer)
        }
        #expect(rule.countedUnanswered(minutes) == 2)
        #expect(!rule.gateMet(minutes))
        let spaced = [0, 60, 120].map { VerificationAttempt(at: now.addingTimeInterval(Double($0) * 60), outcome: .noAnswer) }
        #expect(rule.gateMet(spaced))
        #expect(VerificationRule(unansweredNeeded: 3, retryMinutes: 0).gateMet(clicks))
    }

    @Test func reopenAfterTheWindowBecomesALinkedTicket() {
        let window = 7 * 86_400
        #expect(ReopenDecision.decide(exitedAt: now.addingTimeInterval(-86_400), now: now, windowSeconds: window) == .reopen)
        #expect(
            ReopenDecision.decide(exitedAt: now.addingTimeInterval(-8 * 86_400), now: now, windowSeconds: window)
                == .newLinkedTicket)
        #expect(ReopenDecision.decide(exitedAt: nil, now: now, windowSeconds: window) == .reopen)
    }
}
