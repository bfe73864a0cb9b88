import FluentKit
import Logging
import NIOCore
import SQLKit
import SQLiteNIO

/// A transaction the write gate opened itself on one SQLite connection. FluentKit's own `transaction` reaches the
/// driver through its future-based API, which starts a new task (and hops to an event loop) at each layer; those
/// tasks also drop the gate's writer-thread preference. Statements through this wrapper stay on the caller's task.
struct PinnedTransaction: Database, SQLDatabase {
    let connection: any SQLDatabase & Database
    /// The SQLite connection under `connection`, for statements sent past SQLKit (`SQLiteBulk`).
    var sqlite: SQLiteConnection?
    /// The connection seen as an SQLDatabase: both protocols name a logger and an event loop.
    private var sql: any SQLDatabase { connection }

    var context: DatabaseContext { connection.context }
    var inTransaction: Bool { true }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        connection.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { connection.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { connection.execute(enum: `enum`) }

    /// Already in one: nested transactions join it, as Fluent's do.
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
