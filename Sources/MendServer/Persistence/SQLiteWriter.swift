import Fluent
import SQLKit
import SQLiteNIO
import Synchronization
import Vapor

/// The write gate on SQLite: transactions queue up and run one after another on the writer thread, on one
/// connection of the writer's own pool (`useSQLite`), kept until the application stops (borrowing one per
/// transaction cost several task hops). Each transaction is opened with plain `BEGIN`/`COMMIT` on it rather than
/// through FluentKit, whose future-based transaction starts a task per layer on the busy event loops.
final class SQLiteWriter: Sendable {
    private struct Work: Sendable {
        let run: @Sendable (PinnedTransaction) async -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var works: [Work] = []
        var head = 0
        var draining = false
        /// The drain waiting for work.
        var waiter: CheckedContinuation<Work?, Never>?
        var drain: Task<Void, Never>?
        var stopped = false
        /// The checkpointer asked for a checkpoint between two transactions (see `WalCheckpointer`).
        var checkpoint = false

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

        /// Whether the checkpointer asked for a checkpoint since the last one; the request is used up.
        mutating func takeCheckpointRequest() -> Bool {
            defer { checkpoint = false }
            return checkpoint
        }
    }

    /// What queueing a transaction found: a drain waiting for it, one running, none, or a stopped writer.
    private enum Arrival {
        case handed(CheckedContinuation<Work?, Never>), queued, startDrain, refused
    }

    private let queue = Mutex(Queue())
    private let database = Mutex<(@Sendable () -> (any Database)?)?>(nil)
    private let synchronousPragma: String?

    init(synchronousPragma: String?) {
        self.synchronousPragma = synchronousPragma
    }

    /// The writer's own pool; until it has one, transactions fail (`useSQLite` registers it).
    func useDatabase(_ make: @escaping @Sendable () -> (any Database)?) {
        database.withLock { $0 = make }
    }

    /// Queues `body`; returns its result once its transaction committed.
    func run<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let work = Work(
                run: { connection in
                    do {
                        continuation.resume(returning: try await Self.attempt(body, on: connection))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            let next = queue.withLock { queue -> Arrival in
                if queue.stopped { return .refused }
                if let waiter = queue.waiter {
                    queue.waiter = nil
                    return .handed(waiter)
                }
                queue.works.append(work)
                if queue.draining { return .queued }
                queue.draining = true
                return .startDrain
            }
            switch next {
            case .handed(let waiter): waiter.resume(returning: work)
            case .queued: break
            case .refused: work.fail(Abort(.serviceUnavailable, reason: "Mend is shutting down."))
            case .startDrain:
                let task = Task(executorPreference: WriterExecutor.shared) { await self.drain() }
                queue.withLock { $0.drain = task }
            }
        }
    }

    /// Has the writer checkpoint the write-ahead log after its current transaction.
    func checkpointSoon() {
        queue.withLock { $0.checkpoint = true }
    }

    /// Lets the queued transactions finish, then gives the connection back (before the pool closes).
    func stop() async {
        let (waiter, drain) = queue.withLock { queue in
            queue.stopped = true
            defer { queue.waiter = nil }
            return (queue.waiter, queue.drain)
        }
        waiter?.resume(returning: nil)
        await drain?.value
    }

    private func drain() async {
        do {
            guard let database = database.withLock({ $0?() }) else {
                throw Abort(.internalServerError, reason: "The SQLite writer has no database: register the file with useSQLite.")
            }
            try await database.withConnection { connection in
                // The lease runs in a task of FluentKit's making, which has no executor preference.
                try await withTaskExecutorPreference(WriterExecutor.shared) {
                    guard let sql = connection as? any SQLDatabase & Database else {
                        throw Abort(.internalServerError, reason: "The SQLite writer's database does not speak SQL.")
                    }
                    if let pragma = self.synchronousPragma { try await sql.raw(SQLQueryString(pragma)).run() }
                    // Checkpoints are the checkpointer's: copying the log into the file (and its fsync) no longer
                    // holds up the next write.
                    try await sql.raw("PRAGMA wal_autocheckpoint=0").run()
                    // A multi-row insert keeps a statement journal; on disk that was a new file in /var/tmp per
                    // transaction (an open, writes and a close on the writer's thread).
                    try await sql.raw("PRAGMA temp_store=MEMORY").run()
                    // The bulk inserts go to the SQLite connection itself: through Fluent's wrapper each one
                    // took sqlite-nio's future path, which completes on an event loop and wakes this thread again.
                    let sqlite = try await (sql as? any SQLiteDatabase)?.withConnection {
                        $0.eventLoop.makeSucceededFuture($0)
                    }.get()
                    let pinned = PinnedTransaction(connection: sql, sqlite: sqlite)
                    while let work = await self.next() {
                        await work.run(pinned)
                        if self.queue.withLock({ $0.takeCheckpointRequest() }) {
                            // Passive: a reader still on old pages makes it stop short, never wait.
                            try? await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").run()
                        }
                    }
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

    /// The next queued transaction, waiting for one; nil once the writer stops.
    private func next() async -> Work? {
        await withCheckedContinuation { continuation in
            let now = queue.withLock { queue -> Work?? in
                if let work = queue.take() { return .some(work) }
                if queue.stopped {
                    queue.draining = false
                    return .some(nil)
                }
                queue.waiter = continuation
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// One transaction; a few writes (sessions, directory rows) commit outside the gate, so SQLite may refuse one
    /// that read before they committed (SQLITE_BUSY_SNAPSHOT) or find the file locked: it rolled back, so running
    /// it again is safe.
    private static func attempt<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T, on connection: PinnedTransaction
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
        _ body: @escaping @Sendable (any Database) async throws -> T, on pinned: PinnedTransaction
    ) async throws -> T {
        let connection = pinned.connection
        try await connection.raw("BEGIN TRANSACTION").run()
        do {
            let result = try await body(pinned)
            try await connection.raw("COMMIT TRANSACTION").run()
            return result
        } catch {
            try? await connection.raw("ROLLBACK TRANSACTION").run()
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
