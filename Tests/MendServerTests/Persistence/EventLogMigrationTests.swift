import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import MendServer

/// The event log without its foreign key to tickets (M015): the check is gone and the rows come through.
@Suite struct EventLogMigrationTests {
    struct Count: Decodable { var n: Int }

    func foreignKeys(_ m: TestMend) async throws -> Int {
        let sql = m.app.db as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            return try await sql.raw(
                "SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'f'"
            ).first(decoding: Count.self)!.n
        }
        return try await sql.raw("SELECT count(*) AS n FROM pragma_foreign_key_list('events')").first(decoding: Count.self)!.n
    }

    @Test func eventsKeepTheirRowsAndLoseTheTicketCheck() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let before = try await m.eventCount(n)
            #expect(before > 0)
            #expect(try await foreignKeys(m) == 0)
            // Run again over a log with rows (on SQLite the table is rebuilt): every row comes through.
            try await M015_EventsWithoutTicketCheck().prepare(on: m.app.db)
            #expect(try await m.eventCount(n) == before)
            #expect(try await foreignKeys(m) == 0)
            let events = try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.engineerToken)
            #expect(events.status == .ok && events.body.string.contains("\"created\""))
        }
    }
}
