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

    @Test func escalatingOutNeedsAnExitPathNotARestoration() throws {
        var facts = allMet
        facts.restoredAndTested = false
        #expect(throws: TicketError.exitGatesUnmet(target: .escalatedOut, gates: [.exitPathRecorded])) {
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: .escalatedOut, facts: facts, now: now))
        }
        facts.exitPathRecorded = true
        #expect(
            try TransitionRules.check(TransitionRequest(from: .inProgress, to: .escalatedOut, facts: facts, now: now)) == .move)
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

    @Test func verificationNeedsAConfirmationOrEnoughUnansweredAttempts() {
        #expect(!VerificationRule.gateMet([.stillBroken], unansweredNeeded: 3))
        #expect(VerificationRule.gateMet([.confirmed], unansweredNeeded: 3))
        #expect(!VerificationRule.gateMet([.noAnswer, .noAnswer], unansweredNeeded: 3))
        #expect(VerificationRule.gateMet([.noAnswer, .noAnswer, .noAnswer], unansweredNeeded: 3))
        // "Still broken" starts over: attempts before it no longer count.
        #expect(!VerificationRule.gateMet([.confirmed, .stillBroken, .noAnswer], unansweredNeeded: 2))
        #expect(VerificationRule.gateMet([.noAnswer, .stillBroken, .noAnswer, .noAnswer], unansweredNeeded: 2))
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
