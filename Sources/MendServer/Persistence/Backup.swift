import Fluent
import Foundation
import SQLKit

/// Backups and restores of the database Mend runs on. SQLite is copied online with SQLite's backup API
/// (`SQLiteOnlineBackup`), which reads one consistent snapshot while `mend serve` keeps writing, and the copy is
/// checked with `PRAGMA integrity_check` before it is called a backup. PostgreSQL has `pg_dump` and `pg_restore`.
public enum Backup {
    /// What a backup wrote.
    public struct Made: Sendable {
        public var path: String
        public var bytes: Int
        public var tickets: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case exists(String), damaged(String, String), notEmpty(String), missing(String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists: choose a new file, or remove it first."
            case .damaged(let path, let report): "\(path) is not a sound SQLite database: \(report)"
            case .notEmpty(let path):
                "\(path) already holds a Mend database with data: restoring would replace it. Add --force to replace it "
                    + "(stop every mend serve on it first)."
            case .missing(let path): "\(path) does not exist."
            }
        }
    }

    /// Copies the SQLite database at `source`, which `db` reads, into a new file at `path`, consistently, while it
    /// may be serving; then checks the copy and counts its tickets.
    public static func sqlite(_ source: String, _ db: any Database, to path: String) async throws -> Made {
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.exists(path) }
        let sql = try db.sql
        try SQLiteOnlineBackup.copy(source, to: path)
        let tickets = try await check(path, with: sql)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Made(path: path, bytes: bytes, tickets: tickets)
    }

    /// Runs SQLite's integrity check on the file at `path` through a connection of `sql`, attached and detached
    /// on one connection; returns how many tickets it holds.
    @discardableResult
    public static func check(_ path: String, with sql: any SQLDatabase) async throws -> Int {
        struct Line: Decodable { var integrity_check: String }
        struct Count: Decodable { var count: Int }
        let alias = "checked"
        try await sql.raw("ATTACH DATABASE \(bind: path) AS \(unsafeRaw: alias)").run()
        let lines = try await sql.raw("PRAGMA \(unsafeRaw: alias).integrity_check").all(decoding: Line.self)
        let hasTickets =
            try await sql.raw(
                "SELECT COUNT(*) AS count FROM \(unsafeRaw: alias).sqlite_master WHERE type = 'table' AND name = 'tickets'"
            ).first(decoding: Count.self)?.count == 1
        let tickets =
            hasTickets
            ? try await sql.raw("SELECT COUNT(*) AS count FROM \(unsafeRaw: alias).tickets").first(decoding: Count.self)?.count
                ?? 0 : 0
        try await sql.raw("DETACH DATABASE \(unsafeRaw: alias)").run()
        let report = lines.map(\.integrity_check)
        guard report == ["ok"] else { throw Failure.damaged(path, report.prefix(5).joined(separator: "; ")) }
        return tickets
    }

    /// Whether the SQLite file at `path` holds Mend data: any ticket, company or user.
    public static func sqliteHasData(_ sql: any SQLDatabase) async throws -> Bool {
        struct Found: Decodable { var found: Int }
        let tables =
            try await sql.raw(
                "SELECT COUNT(*) AS found FROM sqlite_master WHERE type = 'table' AND name IN ('tickets', 'companies', 'users')"
            ).first(decoding: Found.self)?.found ?? 0
        guard tables > 0 else { return false }
        let rows =
            try await sql.raw(
                """
                SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM tickets LIMIT 1)) + (SELECT COUNT(*) FROM (SELECT 1 FROM companies LIMIT 1))
                + (SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1)) AS found
                """
            ).first(decoding: Found.self)?.found ?? 0
        return rows > 0
    }

    /// Puts the backup at `source` in place of the SQLite database at `target`: checked first, copied beside the
    /// target, then renamed over it, so an interrupted restore leaves the old database whole. Its write-ahead log
    /// and shared-memory files go with it: they belong to the replaced database.
    public static func restoreSQLite(from source: String, to target: String) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: source) else { throw Failure.missing(source) }
        let staged = target + ".restoring"
        try? files.removeItem(atPath: staged)
        try files.copyItem(atPath: source, toPath: staged)
        for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: target + suffix) }
        // rename(2) replaces the target in one step, whether or not it exists.
        guard rename(staged, target) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
    }
}
