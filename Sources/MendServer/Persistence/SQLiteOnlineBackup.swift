import Foundation
// The SQLite engine SQLiteNIO carries, so the copy is made by the very library the server writes with.
import VaporCSQLite

/// SQLite's online backup API (`sqlite3_backup_*`) over two connections of its own: the running database and a new
/// file. The whole copy is one step, so it reads one snapshot inside one read transaction; with write-ahead
/// logging `mend serve` goes on writing meanwhile, and the copy holds exactly what was committed when it began.
/// (Copying a few pages per step would let the server's writes restart it, over and over under load.)
enum SQLiteOnlineBackup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Copies the database file at `source` into a new file at `target`.
    static func copy(_ source: String, to target: String) throws {
        var from: OpaquePointer?
        defer { sqlite_nio_sqlite3_close(from) }
        guard sqlite_nio_sqlite3_open_v2(source, &from, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let from else {
            throw Failure(description: "cannot open \(source): \(message(from))")
        }
        // The server's writer may hold the lock for a moment when the read transaction starts.
        sqlite_nio_sqlite3_busy_timeout(from, 10_000)
        var to: OpaquePointer?
        defer { sqlite_nio_sqlite3_close(to) }
        guard sqlite_nio_sqlite3_open_v2(target, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
            let to
        else {
            throw Failure(description: "cannot create \(target): \(message(to))")
        }
        guard let backup = sqlite_nio_sqlite3_backup_init(to, "main", from, "main") else {
            throw Failure(description: "cannot start the backup: \(message(to))")
        }
        let step = sqlite_nio_sqlite3_backup_step(backup, -1)
        let finish = sqlite_nio_sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw Failure(description: "the backup stopped (SQLite result \(step)): \(message(to))")
        }
    }

    private static func message(_ connection: OpaquePointer?) -> String {
        guard let connection, let text = sqlite_nio_sqlite3_errmsg(connection) else { return "out of memory" }
        return String(cString: text)
    }
}
