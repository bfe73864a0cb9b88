import Fluent
import Foundation
import Testing

@testable import MendServer

/// The one writer's UPDATE names every column of the ticket in order with its value: a ticket with every field set
/// to a value of its own reads back with those values.
@Suite(.serialized) struct TicketRowUpdateTests {
    @Test func everyFieldWrittenReadsBackAsItWasSet() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let number = Int(n.dropFirst(2))!
            let t = try #require(try await TicketModel.query(on: m.app.db).filter(\.$number == number).first())
            let at = { (minutes: Double) in Date(timeIntervalSince1970: 1_796_047_200 + minutes * 60) }
            (t.summary, t.description, t.type, t.subtype) = ("Summary 2", "Description 2", "hardware", "disk")
            (t.impact, t.urgency, t.priority, t.source, t.status) = ("high", "low", "p3", "email", "in_progress")
            (t.queueID, t.assigneeID, t.contactID, t.siteID) = (m.fx.nocQueue, m.fx.engineer, m.fx.contactA, m.fx.siteA)
            (t.configurationItem, t.resolution, t.restoredTested, t.verificationAttempted) = ("SRV-1", "Fixed", true, true)
            (t.exitParty, t.exitReference, t.minutesLogged, t.reopenCount, t.version) = ("Vendor", "REF-9", 42, 3, 17)
            (t.updatedAt, t.exitedAt, t.closedAt, t.contractID, t.slaStart) = (at(1), at(2), at(3), m.fx.contractA, at(4))
            (t.slaClocks, t.slaFired, t.slaNextAt, t.slaDueAt, t.slaWarnAt) = ("clocks", "fired", at(5), at(6), at(7))
            (t.slaStale, t.alertSource, t.alertFingerprint, t.alertCount, t.alertLastSeen) = (true, "nms", "fp", 5, at(8))
            (t.statusSince, t.watchNextAt, t.watchFired, t.handoffAt, t.timeboxEndsAt) = (at(9), at(10), "L1", at(11), at(12))
            (t.checklistDone, t.clientInformed, t.incidentStartedAt, t.slaFold) = ("[1,2]", true, at(13), "fold")
            try await TicketRowUpdate.run(t, on: m.app.db)
            let r = try #require(try await TicketModel.find(t.id, on: m.app.db))
            #expect([r.summary, r.description, r.type, r.subtype] == ["Summary 2", "Description 2", "hardware", "disk"])
            #expect([r.impact, r.urgency, r.priority, r.source, r.status] == ["high", "low", "p3", "email", "in_progress"])
            let people = [r.queueID, r.assigneeID, r.contactID, r.siteID]
            #expect(people == [m.fx.nocQueue, m.fx.engineer, m.fx.contactA, m.fx.siteA])
            #expect([r.configurationItem, r.resolution, r.exitParty, r.exitReference] == ["SRV-1", "Fixed", "Vendor", "REF-9"])
            #expect([r.restoredTested, r.verificationAttempted, r.slaStale, r.clientInformed] == [true, true, true, true])
            #expect([r.minutesLogged, r.reopenCount, r.version, r.alertCount, r.number] == [42, 3, 17, 5, number])
            #expect([r.updatedAt, r.exitedAt, r.closedAt, r.slaStart, r.slaNextAt] == [at(1), at(2), at(3), at(4), at(5)])
            #expect([r.slaDueAt, r.slaWarnAt, r.alertLastSeen, r.statusSince] == [at(6), at(7), at(8), at(9)])
            #expect([r.watchNextAt, r.handoffAt, r.timeboxEndsAt, r.incidentStartedAt] == [at(10), at(11), at(12), at(13)])
            #expect([r.slaClocks, r.slaFired, r.alertSource, r.alertFingerprint] == ["clocks", "fired", "nms", "fp"])
            #expect([r.watchFired, r.checklistDone, r.slaFold] == ["L1", "[1,2]", "fold"])
            #expect(r.contractID == m.fx.contractA && r.createdAt == t.createdAt && r.companyID == m.fx.companyA)
        }
    }
}
