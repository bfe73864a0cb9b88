import Fluent
import Foundation
import Testing
import Vapor

@testable import MendServer

/// The scheduler's exactly-once promise where it matters: several servers on one PostgreSQL, and a crash mid-tick.
extension PostgresOnlyTests {
    struct Crash: Error {}

    /// Opens `count` P1 tickets and moves the clock 16 minutes on: each has its response warning and breach due.
    func dueTickets(_ m: TestMend, count: Int) async throws {
        m.clock.set(SlaClockTests.monday9)
        for i in 0..<count {
            _ = try await m.openTicket(summary: "Core switch down \(i)", extra: #","impact":"high","urgency":"high""#)
        }
        m.clock.advance(seconds: 16 * 60)
    }

    func firedEvents(_ m: TestMend) async throws -> [EventModel] {
        try await EventModel.query(on: m.app.db).filter(\.$kind ~~ ["sla_warning", "sla_breached"]).all()
    }

    @Test func threeServersFireEachWarningAndBreachOnce() async throws {
        guard requirePostgres("threeServersFireEachWarningAndBreachOnce") else { return }
        try await withMend { m in
            try await dueTickets(m, count: 40)
            try await withSecondProcess(of: m) { second in
                try await withSecondProcess(of: m) { third in
                    let fired = try await withThrowingTaskGroup(of: Int.self) { group in
                        for app in [m.app, second, third] {
                            group.addTask {
                                var scheduler = SlaScheduler(db: app.db, services: app.mend)
                                scheduler.batchSize = 3  // many small claims, so the servers interleave
                                var total = 0
                                for _ in 0..<5 { total += try await scheduler.tick(now: m.clock.now()) }
                                return total
                            }
                        }
                        return try await group.reduce(0, +)
                    }
                    #expect(fired == 80)
                }
            }
            let events = try await firedEvents(m)
            #expect(events.count == 80)
            let keys = events.map { "\($0.ticketID!) \($0.after ?? "")" }
            #expect(Set(keys).count == 80, "a warning or breach fired twice")
        }
    }

    @Test func parallelClaimsTakeEachTheirShareOfTheTickets() async throws {
        guard requirePostgres("parallelClaimsTakeEachTheirShareOfTheTickets") else { return }
        try await withMend { m in
            try await dueTickets(m, count: 30)
            let now = m.clock.now()
            var byShare: [[SlaTimerRows.Row]] = []
            for index in 0..<3 {
                let rows = try await m.app.db.transaction { tx in
                    try await SlaTimerRows.claim(
                        dueBy: now, limit: 1_000, share: SlaTimerRows.Share(index: index, count: 3), on: tx)
                }
                #expect(rows.allSatisfy { Int($0.ticket_id.uuid.15) % 3 == index }, "a row of another share")
                byShare.append(rows)
            }
            // Each of the 30 tickets has its response warning and breach due; together the shares took them all.
            let all = byShare.joined()
            #expect(all.count == 60)
            #expect(Set(all.map { "\($0.ticket_id) \($0.key)" }).count == 60)
            #expect(byShare.allSatisfy { !$0.isEmpty })
        }
    }

    @Test func aTickOfManyParallelClaimsFiresEachTimerOnce() async throws {
        guard requirePostgres("aTickOfManyParallelClaimsFiresEachTimerOnce") else { return }
        try await withMend { m in
            try await dueTickets(m, count: 25)
            var scheduler = SlaScheduler(db: m.app.db, services: m.app.mend)
            #expect(scheduler.parallelBatches == 2)
            scheduler.parallelBatches = 3
            scheduler.batchSize = 4  // each claim drains its share over several batches
            #expect(try await scheduler.tick(now: m.clock.now()) == 50)
            #expect(try await scheduler.tick(now: m.clock.now()) == 0)
            let events = try await firedEvents(m)
            #expect(events.count == 50)
            #expect(Set(events.map { "\($0.ticketID!) \($0.after ?? "")" }).count == 50)
        }
    }

    @Test func aTickKilledBeforeCommitFiresNothingAndTheNextFiresEverythingOnce() async throws {
        guard requirePostgres("aTickKilledBeforeCommitFiresNothingAndTheNextFiresEverythingOnce") else { return }
        try await withMend { m in
            try await dueTickets(m, count: 5)
            var dying = SlaScheduler(db: m.app.db, services: m.app.mend)
            dying.beforeCommit = { throw Crash() }
            await #expect(throws: Crash.self) { try await dying.tick(now: m.clock.now()) }
            #expect(try await firedEvents(m).isEmpty)
            // The restarted server comes up later: what fell due meanwhile fires late, once.
            m.clock.advance(seconds: 3600)
            try await withSecondProcess(of: m) { restarted in
                let scheduler = SlaScheduler(db: restarted.db, services: restarted.mend)
                let fired = try await scheduler.tick(now: m.clock.now())
                #expect(try await scheduler.tick(now: m.clock.now()) == 0)
                // Response warning and breach, restoration warning (3 h of 4) and two missed updates' cycles
                // collapse into the current cycle's warning and breach: every key once.
                let events = try await firedEvents(m)
                #expect(events.count == fired)
                #expect(Set(events.map { "\($0.ticketID!) \($0.after ?? "")" }).count == fired)
                #expect(events.allSatisfy { $0.at == m.clock.now() })
            }
        }
    }
}

/// An escalation level fires once with three servers watching the same tickets.
extension PostgresOnlyTests {
    @Test func threeServersFireEachEscalationLevelOnce() async throws {
        guard requirePostgres("threeServersFireEachEscalationLevelOnce") else { return }
        try await withMend { m in
            let created = try await m.send(
                .POST, "/api/v1/escalation-policies", as: m.fx.managerToken,
                json:
                    #"{"name":"P1","priority":"p1","levels":[{"trigger":{"minutes":30},"actions":{"notify":{"roles":["service_manager"],"users":[]}}},{"trigger":{"clock":"response","percent":100},"actions":{"notify":{"roles":["engineer"],"users":[]}}}]}"#
            )
            #expect(created.status == .created, "\(created.body.string)")
            m.clock.set(SlaClockTests.monday9)
            for i in 0..<20 { _ = try await m.openTicket(summary: "Core switch down \(i)", extra: TestMend.p1) }
            m.clock.advance(seconds: 31 * 60)
            try await withSecondProcess(of: m) { second in
                try await withSecondProcess(of: m) { third in
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for app in [m.app, second, third] {
                            group.addTask {
                                var watch = TicketWatchScheduler(db: app.db, services: app.mend)
                                watch.batchSize = 3
                                var total = 0
                                for _ in 0..<4 { total += try await watch.tick(now: m.clock.now()) }
                                return total
                            }
                        }
                        _ = try await group.reduce(0, +)
                    }
                }
            }
            let fired = try await EventModel.query(on: m.app.db).filter(\.$kind == "escalation_fired").all()
            #expect(fired.count == 40)
            #expect(Set(fired.map { "\($0.ticketID!) \($0.after ?? "")" }).count == 40, "a level fired twice")
            let notes = try await NotificationModel.query(on: m.app.db).filter(\.$kind == "escalation").count()
            #expect(notes == 40, "one manager and one engineer per ticket")
        }
    }
}
