import Fluent
import SQLKit

/// Ticket changes through group commit on SQLite: the changes that arrive while a batch is written run one after
/// another in the next batch's transaction, each as it would alone, and commit together. One commit per batch
/// instead of per change is what a burst of notes and status changes needs from SQLite's single writer.
/// Each change runs inside a savepoint: one that fails is rolled back to it and reports its error, and the others
/// of its batch are written. A change is never run twice (its models remember being stored), so a batch whose
/// commit fails reports that error to all of its changes. On PostgreSQL, which takes writers side by side under
/// row locks, each change has its own transaction.
struct TicketChangeBatcher: Sendable {
    typealias Change = @Sendable (any Database) async throws -> TicketModel

    private let gate: WriteGate
    private let commits: GroupCommit<Change, Result<TicketModel, any Error>>

    init(gate: WriteGate) {
        self.gate = gate
        commits = GroupCommit(gate: gate, retriesAlone: false) { changes, tx in
            var results: [Result<TicketModel, any Error>] = []
            for change in changes {
                try await Self.run("SAVEPOINT change", on: tx)
                do {
                    let ticket = try await change(tx)
                    try await Self.run("RELEASE change", on: tx)
                    results.append(.success(ticket))
                } catch {
                    try await Self.run("ROLLBACK TO change", on: tx)
                    try await Self.run("RELEASE change", on: tx)
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Runs `change` in a write transaction and returns its ticket once that transaction is committed.
    func run(on database: any Database, _ change: @escaping Change) async throws -> TicketModel {
        guard gate.serializes else { return try await gate.transaction(on: database, change) }
        return try await commits.submit(change, on: database).get()
    }

    private static func run(_ statement: String, on tx: any Database) async throws {
        if let sqlite = SQLiteBulk.database(tx) {
            try await sqlite.query(statement, []) { _ in }
        } else {
            try await tx.sql.raw(SQLQueryString(statement)).run()
        }
    }
}
