import Fluent
import SQLKit
import SQLiteNIO

/// Serialises write transactions on SQLite, which allows one writer at a time; PostgreSQL needs no gate.
/// Without it, two SQLite transactions that both read then write deadlock and one fails with SQLITE_BUSY.
public final class WriteGate: Sendable {
    private let mutex: AsyncMutex?
    private let synchronousPragma: String?

    /// `sqliteSynchronous` is SQLite's per-connection `synchronous` setting applied before each write
    /// ("NORMAL" or "FULL"); nil leaves the connection's default.
    public init(serialize: Bool, sqliteSynchronous: String? = nil) {
        mutex = serialize ? AsyncMutex() : nil
        synchronousPragma = sqliteSynchronous.map { "PRAGMA synchronous=\($0)" }
    }

    /// Runs `body` in a database transaction, one at a time when serialising.
    func transaction<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let mutex else { return try await database.transaction(body) }
        await mutex.lock()
        do {
            let result = try await serialized(on: database, body)
            await mutex.unlock()
            return result
        } catch {
            await mutex.unlock()
            throw error
        }
    }

    private func serialized<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let pragma = synchronousPragma
        // A few writes (sessions, directory rows) commit outside the gate. SQLite then refuses a gate transaction
        // that read before they committed (SQLITE_BUSY_SNAPSHOT) or finds the file locked: it rolled back, so
        // running it again is safe.
        var attempt = 0
        while true {
            do {
                return try await database.withConnection { connection in
                    if let pragma, let sql = connection as? any SQLDatabase { try await sql.raw(SQLQueryString(pragma)).run() }
                    return try await connection.transaction(body)
                }
            } catch let error as SQLiteError where Self.isBusy(error) && attempt < 5 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(5 * attempt))
            }
        }
    }

    private static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .busyInSnapshot, .busyInRecovery, .busyTimeout, .locked: true
        default: false
        }
    }
}

/// A fair async lock: waiters resume in arrival order.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    func lock() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            if head > 64 && head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            next.resume()
        } else {
            locked = false
        }
    }
}
