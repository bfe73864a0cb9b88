import Fluent
import SQLKit
import SQLiteNIO
import Synchronization

/// The write gate on SQLite: transactions queue up and run one after another, on one connection, on the writer
/// thread. While work keeps arriving the connection stays leased (borrowing one costs several task hops), and
/// each transaction is opened with plain `BEGIN`/`COMMIT` on it rather than through FluentKit, whose future-based
/// transaction starts a task per layer on the busy event loops.
final class SQLiteWriter: Sendable {
    private struct Work: Sendable {
        /// Where to borrow a connection when the writer has no database of its own.
        let database: any Database
        let run: @Sendable (any Database) async -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var works: [Work] = []
        var head = 0
        var draining = false

        mutating func take() -> Work? {
            guard head < works.count else { return nil }
            let work = works[head]
            head += 1
            if head == works.count {
                works.removeAll(keepingCapacity: true)
                head = 0
            }
            return work
        }
    }

    private let queue = Mutex(Queue())
    private let ownDatabase = Mutex<(@Sendable () -> (any Database)?)?>(nil)
    private let synchronousPragma: String?

    init(synchronousPragma: String?) {
        self.synchronousPragma = synchronousPragma
    }

    func useDatabase(_ make: @escaping @Sendable () -> (any Database)?) {
        ownDatabase.withLock { $0 = make }
    }

    /// Queues `body`; returns its result once its transaction committed.
    func run<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let work = Work(
                database: database,
                run: { connection in
                    do {
                        continuation.resume(returning: try await Self.attempt(body, on: connection))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            let startDrain = queue.withLock { queue in
                queue.works.append(work)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if startDrain {
                Task(executorPreference: WriterExecutor.shared) { await self.drain(borrowing: database) }
            }
        }
    }

    private func drain(borrowing fallback: any Database) async {
        let database = ownDatabase.withLock { $0?() } ?? fallback
        do {
            try await database.withConnection { connection in
                // The lease runs in a task of FluentKit's making, which has no executor preference.
                try await withTaskExecutorPreference(WriterExecutor.shared) {
                    if let pragma = self.synchronousPragma, let sql = connection as? any SQLDatabase {
                        try await sql.raw(SQLQueryString(pragma)).run()
                    }
                    while let work = await self.next() { await work.run(connection) }
                }
            }
        } catch {
            // No connection (or its set-up failed): everything waiting learns why; the next write tries again.
            let stranded = queue.withLock { queue in
                var works: [Work] = []
                while let work = queue.take() { works.append(work) }
                queue.draining = false
                return works
            }
            for work in stranded { work.fail(error) }
        }
    }

    /// The next queued transaction, or nil once the queue stayed empty for a few turns of the writer thread (the
    /// group commit that just got its answer is usually about to queue its next batch).
    private func next() async -> Work? {
        for _ in 0..<3 {
            if let work = queue.withLock({ $0.take() }) { return work }
            await Task.yield()
        }
        return queue.withLock { queue in
            if let work = queue.take() { return work }
            queue.draining = false
            return nil
        }
    }

    /// One transaction; a few writes (sessions, directory rows) commit outside the gate, so SQLite may refuse one
    /// that read before they committed (SQLITE_BUSY_SNAPSHOT) or find the file locked: it rolled back, so running
    /// it again is safe.
    private static func attempt<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T, on connection: any Database
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await transaction(body, on: connection)
            } catch let error as SQLiteError where isBusy(error) && attempt < 5 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(5 * attempt))
            }
        }
    }

    private static func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T, on connection: any Database
    ) async throws -> T {
        guard let sql = connection as? any SQLDatabase else { return try await connection.transaction(body) }
        try await sql.raw("BEGIN TRANSACTION").run()
        do {
            let result = try await body(PinnedTransaction(connection: connection, sql: sql))
            try await sql.raw("COMMIT TRANSACTION").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK TRANSACTION").run()
            throw error
        }
    }

    private static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .busyInSnapshot, .busyInRecovery, .busyTimeout, .locked: true
        default: false
        }
    }
}
