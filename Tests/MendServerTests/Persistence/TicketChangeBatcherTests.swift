import Fluent
import Foundation
import SQLKit
import Testing

@testable import MendServer

/// Changes that wait behind a running one commit together on SQLite; a change that fails among them is rolled back
/// alone and reports its own error, and the others are written as if it had not been sent.
@Suite(.serialized) struct TicketChangeBatcherTests {
    @Test func aFailingChangeAmongOthersIsRolledBackAloneAndTheOthersAreWritten() async throws {
        try await withMend { m in
            var opened: [Int] = []
            for _ in 0..<4 { opened.append(Int(try await m.openTicket().dropFirst(2))!) }
            let numbers = opened
            let changes = m.app.mend.changes
            let db = m.app.db
            @Sendable func rename(_ number: Int, to summary: String, thenFail: Bool = false) -> TicketChangeBatcher.Change {
                { tx in
                    try await tx.sql.raw("UPDATE tickets SET summary = \(bind: summary) WHERE number = \(bind: number)").run()
                    if thenFail { throw Problem.invalid("summary", "refused after writing") }
                    return try await TicketModel.query(on: tx).filter(\.$number == number).first()!
                }
            }
            // The first change holds the writer until the others are queued behind it, so they share a batch.
            let (release, released) = AsyncStream<Void>.makeStream()
            let first = Task {
                try await changes.run(on: db) { tx in
                    for await _ in release { break }
                    return try await rename(numbers[0], to: "First")(tx)
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            let queued = [
                Task { try await changes.run(on: db, rename(numbers[1], to: "Second")) },
                Task { try await changes.run(on: db, rename(numbers[2], to: "Refused", thenFail: true)) },
                Task { try await changes.run(on: db, rename(numbers[3], to: "Fourth")) },
            ]
            try await Task.sleep(for: .milliseconds(200))
            released.yield()
            #expect(try await first.value.summary == "First")
            #expect(try await queued[0].value.summary == "Second")
            await #expect(throws: Problem.self) { try await queued[1].value }
            #expect(try await queued[2].value.summary == "Fourth")
            var summaries: [String] = []
            for number in numbers {
                summaries.append(try await TicketModel.query(on: db).filter(\.$number == number).first()!.summary)
            }
            #expect(summaries == ["First", "Second", "VPN down at head office", "Fourth"])
        }
    }
}
