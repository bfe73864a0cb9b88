import Foundation
import MendCore
import Testing

/// The rules of the resolution paths 04c.01 and 04c.04 to 04c.08.
@Suite struct ResolutionPathTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aDiagnosisStepNeedsWhatWasTriedAndSaneMinutes() throws {
        let step = try DiagnosisStep(step: "  Pinged the gateway ", finding: " ", minutes: 5)
        #expect(step.step == "Pinged the gateway" && step.finding == nil && step.minutes == 5)
        #expect(
            throws: ValidationError([
                .init(field: "step", message: "is required"), .init(field: "minutes", message: "must be between 0 and 1440"),
            ])
        ) {
            try DiagnosisStep(step: "", finding: nil, minutes: 2_000)
        }
    }

    @Test func theTimeBoxRunsFromTheFirstStepAndEndsOnlyWhileUnrestored() throws {
        let start = TroubleshootingBox.start(firstStepAt: now, minutes: 10)
        #expect(start == now.addingTimeInterval(-600))
        let end = TroubleshootingBox.standard.endsAt(start: start, priority: .p1)
        #expect(end == now.addingTimeInterval(20 * 60))
        #expect(!TroubleshootingBox.isUsedUp(endsAt: end, status: .inProgress, now: now))
        #expect(TroubleshootingBox.isUsedUp(endsAt: end, status: .inProgress, now: end))
        #expect(!TroubleshootingBox.isUsedUp(endsAt: end, status: .restored, now: end))
        #expect(!TroubleshootingBox.isUsedUp(endsAt: nil, status: .inProgress, now: end))
        let box = try TroubleshootingBox.parse(["p1": 15, "p2": 45, "p3": 90, "p4": 300])
        #expect(box.minutes(for: .p2) == 45 && box.json["p4"] == 300)
        do {
            _ = try TroubleshootingBox.parse(["p1": 2, "p2": 45, "p9": 1])
            Issue.record("a bad box is refused")
        } catch {
            #expect(error.problems.map(\.field) == ["minutes.p1", "minutes.p9", "minutes.p3", "minutes.p4"])
        }
    }

    @Test func aTimeBoxTriggerFiresWhenTheBoxEnds() throws {
        let levels = try EscalationLevel.parse(levels: [["trigger": ["timebox": true], "actions": ["queue": "SME"]]])
        #expect(levels.first?.trigger == .timeboxUsed)
        #expect(EscalationLevel.jsonText(levels).contains("\"timebox\":true"))
        let end = now.addingTimeInterval(900)
        let facts = EscalationFacts(
            status: .inProgress, statusSince: now, clocks: [], calendar: .always, timeboxEndsAt: end)
        #expect(EscalationPlan.instant(of: .timeboxUsed, facts: facts) == end)
        var restored = facts
        restored.status = .restored
        #expect(EscalationPlan.instant(of: .timeboxUsed, facts: restored) == nil)
        #expect(throws: ValidationError.self) {
            try EscalationLevel.parse(levels: [["trigger": ["timebox": true, "minutes": 5], "actions": ["queue": "SME"]]])
        }
    }

    @Test func aChecklistMatchesItsTicketTypeAndRefusesUnknownSteps() throws {
        let vpn = try Checklist(ticketType: "VPN down", items: ["Check WAN", " ", "Tunnel status", "Recent changes"])
        #expect(vpn.items.count == 3)
        #expect(Checklist.matching("vpn DOWN", in: [vpn]) == vpn)
        #expect(Checklist.matching("Printer", in: [vpn]) == nil)
        #expect(try vpn.validate(done: [2, 0, 2]) == [0, 2])
        #expect(throws: ValidationError(field: "done[1]", "must be a step number from 0 to 2")) {
            try vpn.validate(done: [0, 3])
        }
        #expect(throws: ValidationError.self) { try Checklist(ticketType: "X", items: ["a", "A"]) }
    }

    @Test func aChecklistStepIsMeasuredInCodePointsAsTheDocumentSays() throws {
        // 150 thumbs up with a skin tone: 150 characters to Swift, 300 code points; one more is too long.
        let thumbs = String(repeating: "\u{1F44D}\u{1F3FB}", count: 150)
        #expect(thumbs.count == 150 && thumbs.unicodeScalars.count == 300)
        #expect(try Checklist(ticketType: "X", items: [thumbs]).items == [thumbs])
        #expect(throws: ValidationError(field: "items[1]", "must be at most 300 characters")) {
            try Checklist(ticketType: "X", items: ["ok", thumbs + "!"])
        }
    }

    @Test func anAppointmentMustEndAfterItStartsAndNeverDoubleBooks() throws {
        #expect(throws: ValidationError(field: "endsAt", "must be after startsAt")) {
            try Appointment(engineer: "e1", startsAt: now, endsAt: now)
        }
        let morning = try Appointment(engineer: "e1", startsAt: now, endsAt: now.addingTimeInterval(7_200))
        let clash = try Appointment(
            engineer: "e1", startsAt: now.addingTimeInterval(3_600), endsAt: now.addingTimeInterval(10_800))
        let after = try Appointment(
            engineer: "e1", startsAt: now.addingTimeInterval(7_200), endsAt: now.addingTimeInterval(9_000))
        let other = try Appointment(engineer: "e2", startsAt: now, endsAt: now.addingTimeInterval(7_200))
        #expect(throws: ValidationError.self) { try clash.checkNoDoubleBooking(against: [morning]) }
        try after.checkNoDoubleBooking(against: [morning])
        try other.checkNoDoubleBooking(against: [morning])
        var cancelled = morning
        try cancelled.cancel()
        try clash.checkNoDoubleBooking(against: [cancelled])
    }

    @Test func aScheduledVisitMovesKeepingItsLengthAndOnlyWhileScheduled() throws {
        var visit = try Appointment(engineer: "e1", startsAt: now, endsAt: now.addingTimeInterval(7_200))
        try visit.move(startsAt: now.addingTimeInterval(86_400))
        #expect(visit.startsAt == now.addingTimeInterval(86_400) && visit.endsAt == now.addingTimeInterval(86_400 + 7_200))
        try visit.move(engineer: "e2", endsAt: now.addingTimeInterval(86_400 + 3_600))
        #expect(visit.engineer == "e2" && visit.endsAt == now.addingTimeInterval(86_400 + 3_600))
        #expect(throws: ValidationError(field: "endsAt", "must be after startsAt")) {
            try visit.move(endsAt: now.addingTimeInterval(86_400))
        }
        #expect(throws: ValidationError(field: "startsAt", "say where the visit moves: a new engineer, start or end")) {
            try visit.move()
        }
        #expect(
            visit.engineer == "e2" && visit.endsAt == now.addingTimeInterval(86_400 + 3_600), "a refused move changes nothing")
        _ = try visit.checkIn(at: visit.startsAt, travelMinutes: nil)
        #expect(throws: ValidationError(field: "state", "only a scheduled visit can be moved")) {
            try visit.move(startsAt: now)
        }
    }

    @Test func checkInAndOutBecomeTravelAndOnsiteTime() throws {
        var visit = try Appointment(engineer: "e1", startsAt: now, endsAt: now.addingTimeInterval(7_200))
        #expect(throws: ValidationError.self) { _ = try visit.checkOut(checkedInAt: now, at: now, travelMinutes: nil) }
        let travel = try visit.checkIn(at: now, travelMinutes: 25)
        #expect(travel == OnsiteTime(kind: .travel, startedAt: now.addingTimeInterval(-1_500), minutes: 25))
        #expect(visit.state == .checkedIn)
        let entries = try visit.checkOut(checkedInAt: now, at: now.addingTimeInterval(95 * 60), travelMinutes: 30)
        #expect(entries.map(\.kind) == [.onsite, .travel] && entries.map(\.minutes) == [95, 30])
        #expect(visit.state == .completed)
        #expect(throws: ValidationError.self) { try visit.cancel() }
    }

    @Test func aConsultGoesToOnePersonOrGroupWithItsOwnTarget() throws {
        let urgent = try SmeConsult(question: "Is the BGP flap ours?", urgency: .urgent, toPerson: true, toGroup: false, now: now)
        #expect(urgent.respondBy == now.addingTimeInterval(1_800))
        let normal = try SmeConsult(question: "Why?", urgency: nil, toPerson: false, toGroup: true, now: now)
        #expect(normal.respondBy == now.addingTimeInterval(4 * 3_600))
        #expect(throws: ValidationError.self) {
            try SmeConsult(question: "Both?", urgency: nil, toPerson: true, toGroup: true, now: now)
        }
        #expect(throws: ValidationError(field: "answer", "is required")) {
            try SmeConsult.checkAnswer(nil, outcome: .adviceGiven)
        }
        try SmeConsult.checkAnswer(nil, outcome: .declined)
        #expect(SmeConsult.isOverdue(respondBy: now, answered: false, now: now.addingTimeInterval(1)))
        #expect(!SmeConsult.isOverdue(respondBy: now, answered: true, now: now.addingTimeInterval(1)))
    }

    @Test func vendorsAndCasesAreValidatedAndFollowedUpAtTheirPace() throws {
        #expect(throws: ValidationError.self) {
            try Vendor(name: "Fortinet", supportPhone: nil, supportEmail: "nope", portalURL: "ftp://x", notes: nil)
        }
        let vendor = try Vendor(
            name: " Fortinet ", supportPhone: "+1 800", supportEmail: "support@fortinet.example",
            portalURL: "https://support.fortinet.example", notes: "")
        #expect(vendor.name == "Fortinet" && vendor.notes == nil)
        let sev1 = try VendorCase(caseNumber: "FN-1", contact: nil, severity: .sev1, followUpHours: nil)
        #expect(sev1.followUpHours == 2 && sev1.state == .open)
        #expect(throws: ValidationError.self) { try VendorCase(caseNumber: "", contact: nil, severity: nil, followUpHours: 0) }
        #expect(throws: ValidationError.self) { try VendorCase.move(from: .closed, to: .open) }
        #expect(FollowUp.next(from: now, everyHours: 2, after: now) == now.addingTimeInterval(7_200))
        // A missed follow-up is not repeated for every hour missed: the next one is the next slot after now.
        #expect(
            FollowUp.next(from: now, everyHours: 2, after: now.addingTimeInterval(5 * 3_600))
                == now.addingTimeInterval(6 * 3_600))
    }

    @Test func exitsRecordWhoTookTheIncidentAndLeaveWithTheirStatus() throws {
        let out = try ThirdPartyEscalation(
            party: "ISP Fibrenet", reference: "FN-88", contact: "NOC desk", escalated: "Line down at the POP",
            followUpHours: nil)
        #expect(out.followUpHours == 24 && TicketExitKind.thirdParty.status == .escalatedOut)
        #expect(throws: ValidationError.self) {
            try ThirdPartyEscalation(party: "", reference: nil, contact: nil, escalated: nil, followUpHours: 0)
        }
        #expect(throws: ValidationError(field: "handedOver", "is required")) {
            try ClientITHandoff(receivedBy: "Dana (client IT)", handedOver: " ")
        }
        #expect(TicketExitKind.clientIT.status == .handedOff)
    }

    @Test func pathsMoveTheTicketIntoAndOutOfTheirWait() {
        #expect(PathStatus.waiting(.waitingOnParts, from: .inProgress) == .waitingOnParts)
        #expect(PathStatus.waiting(.waitingOnParts, from: .waitingOnParts) == nil)
        #expect(PathStatus.waiting(.onsiteScheduled, from: .restored) == nil)
        #expect(PathStatus.waiting(.withSME, from: .resolved) == nil)
        #expect(PathStatus.resumed(from: .waitingOnParts, waitingIn: .waitingOnParts) == .inProgress)
        #expect(PathStatus.resumed(from: .withSME, waitingIn: .waitingOnParts) == nil)
    }
}

@Suite("Early check-in") struct EarlyCheckInTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aCheckInWellBeforeTheWindowNeedsAReason() throws {
        var visit = try Appointment(engineer: "eli", startsAt: start, endsAt: start.addingTimeInterval(7_200))
        let dayBefore = start.addingTimeInterval(-86_400)
        #expect(throws: ValidationError.self) { try visit.checkIn(at: dayBefore, travelMinutes: nil) }
        #expect(visit.state == .scheduled, "a refused check-in changes nothing")
        _ = try visit.checkIn(at: dayBefore, travelMinutes: nil, reason: "Client asked us to come a day early")
        #expect(visit.state == .checkedIn)
    }

    @Test func aCheckInShortlyBeforeTheWindowNeedsNone() throws {
        var visit = try Appointment(engineer: "eli", startsAt: start, endsAt: start.addingTimeInterval(7_200))
        _ = try visit.checkIn(at: start.addingTimeInterval(-3_600), travelMinutes: 20)
        #expect(visit.state == .checkedIn)
    }
}
