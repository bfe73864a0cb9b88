import ArgumentParser
import Foundation
import MendServer
import SQLKit
import Vapor

/// `mend backup --out FILE`: a consistent copy of the database while Mend serves (SQLite), or `pg_dump` (PostgreSQL).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database to a new file, consistently, while mend serve keeps running.",
        discussion: """
            SQLite: an online copy of one consistent snapshot (SQLite's backup API), checked with PRAGMA integrity_check.
            PostgreSQL: runs pg_dump --format=custom when it is installed, and says how otherwise.
            """)

    @ArgumentParser.Option(help: "The backup file to write; it must not exist yet.") var out: String

    func run() async throws {
        let config = try MendConfig.from(environment: ProcessInfo.processInfo.environment)
        if case .postgres(let url) = config.database {
            try PostgresTools.run(
                "pg_dump", ["--format=custom", "--no-owner", "--file=\(out)", url],
                otherwise: "Install PostgreSQL's client tools (Debian: postgresql-client), or run on a machine that "
                    + "has them: pg_dump --format=custom --no-owner --file=\(out) \"$MEND_DATABASE_URL\"")
            print("Backed up the PostgreSQL database to \(out) with pg_dump.")
            return
        }
        guard case .sqlite(let source) = config.database else { return }
        let app = try await AppFactory.make()
        do {
            let made = try await Backup.sqlite(source, app.db, to: out)
            try await app.asyncShutdown()
            print("Backed up \(made.tickets) tickets to \(made.path) (\(made.bytes / 1024) KB); integrity check: ok.")
        } catch {
            try? await app.asyncShutdown()
            throw CommandFailure("\(error)")
        }
    }
}

/// `mend restore FILE`: puts a backup in place of the database; refuses one with data unless `--force`.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup made by mend backup (stop mend serve first).",
        discussion: "A database that already holds data is replaced only with --force. mend serve migrates a restored "
            + "database from an earlier release at its next start (see mend migrate --status).")

    @ArgumentParser.Argument(help: "The backup file.") var file: String
    @ArgumentParser.Flag(help: "Replace a database that already holds data.") var force = false

    func run() async throws {
        let config = try MendConfig.from(environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure("\(file) does not exist.") }
        let app = try await AppFactory.make()
        let hasData: Bool
        do {
            guard let sql = app.db as? any SQLDatabase else { throw CommandFailure("The database does not speak SQL.") }
            if case .sqlite = config.database { try await Backup.check(file, with: sql) }
            hasData = try await PostgresTools.hasData(sql)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw CommandFailure("\(error)")
        }
        switch config.database {
        case .sqlite(let path):
            if hasData, !force { throw CommandFailure(Backup.Failure.notEmpty(path).description) }
            try Backup.restoreSQLite(from: file, to: path)
            print("Restored \(file) to \(path).")
        case .postgres(let url):
            if hasData, !force { throw CommandFailure(Backup.Failure.notEmpty("The PostgreSQL database").description) }
            try PostgresTools.run(
                "pg_restore",
                ["--no-owner", "--exit-on-error"] + (hasData ? ["--clean", "--if-exists"] : []) + ["--dbname=\(url)", file],
                otherwise: "Install PostgreSQL's client tools (Debian: postgresql-client), or run: pg_restore --no-owner "
                    + "--dbname=\"$MEND_DATABASE_URL\" \(file)")
            print("Restored \(file) into the PostgreSQL database with pg_restore.")
        }
    }
}

/// PostgreSQL's own tools, run when installed, and whether a database already holds Mend data.
enum PostgresTools {
    static func run(_ tool: String, _ arguments: [String], otherwise: String) throws {
        guard let path = find(tool) else { throw CommandFailure("\(tool) is not installed. \(otherwise)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure("\(tool) failed with exit code \(process.terminationStatus).")
        }
    }

    /// Any ticket, company or user: a database worth refusing to overwrite.
    static func hasData(_ sql: any SQLDatabase) async throws -> Bool {
        if sql.dialect.name != "postgresql" { return try await Backup.sqliteHasData(sql) }
        struct Found: Decodable { var found: Int }
        let exists =
            try await sql.raw("SELECT CASE WHEN to_regclass('tickets') IS NULL THEN 0 ELSE 1 END AS found")
            .first(decoding: Found.self)?.found == 1
        guard exists else { return false }
        return try await sql.raw(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM companies)
            OR EXISTS (SELECT 1 FROM users) THEN 1 ELSE 0 END AS found
            """
        ).first(decoding: Found.self)?.found == 1
    }

    private static func find(_ tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        let versioned =
            (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin" } ?? []
        return (paths + versioned).map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A command that could not do what was asked: its message alone, without the usage text a mistyped option gets.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
