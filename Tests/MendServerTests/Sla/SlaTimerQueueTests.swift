import Fluent
import Foundation
import MendCore
import SQLKit
import Testing
import Vapor

@testable import MendServer

/// The SLA timer queue on the database: rows follow each write of a ticket's clocks, what fired while a ticket
/// was being changed stays fired, and tickets from before the queue get their rows from their stored clocks.
@Suite(.serialized) struct SlaTimerQueueServerTests {
    /// Monday 2026-11-30 09:00 in New York.
    static let monday9 = Date(timeIntervalSince1970: 1_796_047_200)

    struct Queued: Decodable, Equatable {
        var key: String
        var at: Date
    }

    func queued(_ m: TestMend, _ n: String) async throws -> [Queued] {
        let id = try await m.ticket(n).id
        return try await (m.app.db as! any SQLDatabase).select().columns("key", "at").from("sla_timers")
            .where("ticket_id", .equal, id).orderBy("key").all(decoding: Queued.self)
    }

    func count(_ m: TestMend, _ n: String, _ kind: String) async throws -> Int {
        let events = try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.engineerToken).body.string
        return events.components(separatedBy: "\"\(kind)\"").count - 1
    }

    @Test func aChangeBetweenWarningAndBreachKeepsTheWarningFiredAndTheBreachDue() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            // A P1 queues a row per timer: each running clock's warning and breach.
            let opened = try await queued(m, n)
            #expect(opened.map(\.key).contains("response.warning"))
            #expect(opened.contains(Queued(key: "response.breach", at: Self.monday9.addingTimeInterval(15 * 60))))
            #expect(opened.filter { $0.key.contains(".warning") }.count == opened.filter { $0.key.contains(".breach") }.count)
            let scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            m.clock.advance(seconds: 12 * 60)
            #expect(try await scheduler.tick(now: m.clock.now()) == 1)
            // The warning's row is gone; its breach's row waits for the deadline.
            let warned = try await queued(m, n)
            #expect(warned.contains(Queued(key: "response.breach", at: Self.monday9.addingTimeInterval(15 * 60))))
            #expect(!warned.map(\.key).contains("response.warning"))
            // A change of the ticket takes its rows out and puts them back: the warning stays fired.
            let note = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"Looking at the firewall logs","visibility":"backstage"}"#)
            #expect(note.status == .created, "\(note.body.string)")
            #expect(try await queued(m, n) == warned)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            m.clock.advance(seconds: 4 * 60)
            #expect(try await scheduler.tick(now: m.clock.now()) == 1)
            let second = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"Still on it","visibility":"backstage"}"#)
            #expect(second.status == .created)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            #expect(try await count(m, n, "sla_warning") == 1)
            #expect(try await count(m, n, "sla_breached") == 1)
            #expect(try await !queued(m, n).map(\.key).contains { $0.hasPrefix("response.") })
        }
    }

    @Test func smallBatchesOfRowsDueAtTheSameInstantFireEachRowOnce() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            var numbers: [String] = []
            for index in 0..<5 {
                numbers.append(
                    try await m.openTicket(summary: "Switch \(index) down", extra: #","impact":"high","urgency":"high""#))
            }
            var scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            scheduler.batchSize = 2
            // Five response warnings, all at 09:11:15, claimed two at a time.
            m.clock.advance(seconds: 12 * 60)
            #expect(try await scheduler.tick(now: m.clock.now()) == 5)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            for n in numbers {
                #expect(try await count(m, n, "sla_warning") == 1)
                #expect(try await queued(m, n).map(\.key).contains("response.breach"))
            }
        }
    }

    @Test func aQueueFromBeforeEachTimerHadItsRowGetsItsBreachRows() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let expected = try await queued(m, n)
            // As the queue stood before M016: a clock with its warning queued had no breach row.
            try await (m.app.db as! any SQLDatabase).delete(from: "sla_timers").where("key", .like, "%.breach%").run()
            #expect(try await queued(m, n).allSatisfy { $0.key.contains(".warning") })
            try await M016_SlaBreachRowsQueued().prepare(on: m.app.db)
            #expect(try await queued(m, n) == expected)
            m.clock.advance(seconds: 20 * 60)
            let scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            #expect(try await scheduler.tick(now: m.clock.now()) == 2)
            #expect(try await count(m, n, "sla_breached") == 1)
        }
    }

    @Test func aTicketHandedOutEmptiesItsQueue() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            #expect(try await !queued(m, n).isEmpty)
            try await m.escalateOut(n)
            #expect(try await queued(m, n).isEmpty)
        }
    }

    @Test func ticketsFromBeforeTheQueueGetTheirRowsFromTheirStoredClocks() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let expected = try await queued(m, n)
            let sql = m.app.db as! any SQLDatabase
            // As a database migrated from before the queue: no rows, the next instant on the ticket.
            try await sql.delete(from: "sla_timers").run()
            try await sql.update("tickets").set("sla_next_at", to: SQLBind(Self.monday9)).run()
            try await M014_SlaTimerQueue.queueExisting(on: m.app.db)
            #expect(try await queued(m, n) == expected)
            m.clock.advance(seconds: 12 * 60)
            #expect(try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: m.clock.now()) == 1)
        }
    }
}

/// The database fires plain rows itself (`SlaTimerFiring`); its events must read exactly as the Swift path's.
@Suite(.serialized) struct SlaFiringInDatabaseTests {
    static let monday9 = SlaTimerQueueServerTests.monday9

    func events(_ m: TestMend, _ n: String) async throws -> [EventModel] {
        let id = try await m.ticket(n).id
        return try await EventModel.query(on: m.app.db).filter(\.$ticketID == id)
            .filter(\.$kind ~~ SlaScheduler.kinds).sort(\.$seq).all()
    }

    @Test func aWarningAndTheBreachDueWithItReadAsTheSchedulersOwnEvents() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let ticket = try await m.ticket(n)
            // 20 minutes on: the response warning (09:11:15) and its breach (09:15) are both due.
            m.clock.advance(seconds: 20 * 60)
            let now = m.clock.now()
            #expect(try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: now) == 2)
            let deadline = Self.monday9.addingTimeInterval(15 * 60)
            let warning = SlaTimerQueue.timer(
                key: "response.warning", at: Self.monday9.addingTimeInterval(11 * 60 + 15), deadline: deadline)!
            let breach = SlaTimerQueue.breach(of: warning)!
            let version = try await TicketModel.find(ticket.id, on: m.app.db)!.version
            let expected = [warning, breach].enumerated().map { offset, timer in
                SlaScheduler.event(
                    for: timer, ticketID: ticket.id, seq: version * 100 + 90 + offset, priority: "p1", at: now)
            }
            let fired = try await events(m, n)
            #expect(fired.count == 2)
            for (event, wanted) in zip(fired, expected) {
                #expect(event.kind == wanted.kind)
                #expect(event.seq == wanted.seq)
                #expect(event.visibility == wanted.visibility)
                #expect(event.actorName == wanted.actorName)
                #expect(event.actorID == nil)
                #expect(event.before == nil)
                #expect(event.after == wanted.after)
                #expect(event.summary == wanted.summary)
                #expect(abs(event.at.timeIntervalSince(now)) < 0.001)
                // A time-ordered id of the tick's millisecond, as TimeOrderedID makes them.
                let id = event.id!.uuidString
                #expect(id.hasPrefix(SlaTimerFiring.idPrefix(now, uppercase: true)), "\(id)")
                #expect("89AB".contains(id[id.index(id.startIndex, offsetBy: 19)]), "\(id)")
            }
            #expect(Set(fired.map(\.id)).count == 2)
            // Both fired: nothing of the response clock is left queued.
            #expect(try await SlaTimerQueueServerTests().queued(m, n).allSatisfy { !$0.key.hasPrefix("response.") })
        }
    }

    @Test func postgresBatchIDsAreVersionSevenWithTheTicksMillisecondAndRoomForTheirCount() throws {
        let now = Self.monday9
        for _ in 0..<200 {
            let ids = SlaTimerFiring.postgresIDs(now)
            #expect(ids.prefix.count == 17)
            #expect(ids.prefix.allSatisfy { $0.isHexDigit })
            // The same 48 bits of milliseconds and version nibble as TimeOrderedID's, then the variant (10xx).
            #expect(ids.prefix.hasPrefix(SlaTimerFiring.idPrefix(now, uppercase: false).replacingOccurrences(of: "-", with: "")))
            #expect("89ab".contains(ids.prefix.last!))
            // The last event of a full batch still fits the 15 digits after the prefix.
            let last = String(ids.base + 10_000, radix: 16)
            #expect(last.count <= 15)
            let text = ids.prefix + String(repeating: "0", count: 15 - last.count) + last
            let uuid = try #require(UUID(uuidString: dashed(text)))
            #expect(uuid.uuidString.lowercased() == dashed(text))
        }
    }

    private func dashed(_ hex: String) -> String {
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }

    @Test func anAssignedTicketsFiringIsWrittenOnceAndNotifiesItsEngineer() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
            let assign = try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.engineerToken, json: #"{"assigneeID":"\#(m.fx.engineer)"}"#)
            #expect(assign.status == .ok, "\(assign.body.string)")
            m.clock.advance(seconds: 12 * 60)
            #expect(try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: m.clock.now()) == 1)
            #expect(try await events(m, n).map(\.kind) == [EventKind.slaWarning.rawValue])
            let notes = try await NotificationModel.query(on: m.app.db).filter(\.$kind == "sla_warning").all()
            #expect(notes.count == 1)
            #expect(notes.first?.title.contains(n) == true)
        }
    }
}
