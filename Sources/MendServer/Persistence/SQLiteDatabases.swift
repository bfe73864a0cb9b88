import Fluent
import FluentSQLiteDriver
import Vapor

/// Registers the SQLite file as the default database, and again for the write gate: a pool of its own whose
/// statements run on the writer's thread, so writes hold their connection and reads keep theirs.
public func useSQLite(path: String, on app: Application) async {
    app.databases.use(.sqlite(.file(path)), as: .sqlite)
    let writer = Databases(threadPool: WriterExecutor.shared.threadPool, on: app.eventLoopGroup)
    writer.use(.sqlite(.file(path)), as: .sqlite)
    await app.storage.setWithAsyncShutdown(SQLiteWriterDatabases.self, to: writer) { await $0.shutdownAsync() }
}

/// The write gate's SQLite databases, shut down with the application.
struct SQLiteWriterDatabases: StorageKey {
    typealias Value = Databases
}
