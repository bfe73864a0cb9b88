import Fluent
import MendCore
import SQLKit
import Synchronization
import Vapor

/// Serialises write transactions on SQLite, which allows one writer at a time; PostgreSQL needs no gate.
/// Without it, two SQLite transactions that both read then write deadlock and one fails with SQLITE_BUSY.
public final class WriteGate: Sendable {
    private let writer: SQLiteWriter?

    /// `sqliteSynchronous` is SQLite's per-connection `synchronous` setting for the writing connection
    /// ("NORMAL" or "FULL"); nil leaves the connection's default.
    public init(serialize: Bool, sqliteSynchronous: String? = nil) {
        writer = serialize ? SQLiteWriter(synchronousPragma: sqliteSynchronous.map { "PRAGMA synchronous=\($0)" }) : nil
    }

    /// Whether write transactions run one at a time (SQLite).
    var serializes: Bool { writer != nil }

    /// Gives the SQLite writer the connection pool `useSQLite` made for it, starts the checkpointer, and stops
    /// both with the application, before the pools close.
    func attach(to app: Application) {
        guard let writer, let databases = app.storage[SQLiteWriterDatabases.self] else { return }
        let logger = app.logger
        let eventLoops = app.eventLoopGroup
        writer.useDatabase { databases.database(logger: logger, on: eventLoops.any()) }
        app.lifecycle.use(
            WriterShutdown(writer: writer, checkpoints: WalCheckpointer.start(on: app.db, writer: writer, logger: logger)))
    }

    /// Runs `body` in a database transaction, one at a time when serialising.
    func transaction<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        // The body runs on another task (the SQLite writer's, or the one Fluent starts for a transaction): the
        // caller's process rules go with it.
        let source = ProcessRules.source
        let bound: @Sendable (any Database) async throws -> T = { tx in
            try await ProcessRules.$source.withValue(source) { try await body(tx) }
        }
        guard let writer else { return try await database.transaction(bound) }
        return try await writer.run(bound)
    }
}

/// Stops the SQLite writer when the application shuts down: it finishes what is queued and gives its connection
/// back while the pool is still open.
private struct WriterShutdown: LifecycleHandler {
    let writer: SQLiteWriter
    let checkpoints: Task<Void, Never>

    func shutdownAsync(_ application: Application) async {
        await writer.stop()
        checkpoints.cancel()
        await checkpoints.value
    }
}
