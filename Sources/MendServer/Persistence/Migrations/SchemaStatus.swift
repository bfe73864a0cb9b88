import Fluent
import Foundation
import SQLKit

/// Where the database's schema stands against this build's migrations: which it has, which it lacks, and which it
/// has that this build does not know (a newer release upgraded it).
public struct SchemaStatus: Sendable {
    /// A migration the database records, with when it ran.
    public struct Applied: Sendable {
        public var name: String
        public var at: Date?
    }

    public var applied: [Applied]
    /// This build's migrations the database lacks, in the order they would run.
    public var pending: [String]
    /// Migrations the database records that this build does not have.
    public var unknown: [String]

    /// Ready to serve: nothing to run and nothing from a newer release.
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }

    /// `M001_CreateDirectory`: a migration's name without its module.
    public static func shortName(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }

    /// Reads the migrations the database records (none in a new database) against `MendMigrations.all`.
    public static func read(_ db: any Database) async throws -> SchemaStatus {
        struct Row: Decodable {
            var name: String
            var created_at: Date?
        }
        let sql = try db.sql
        let known = MendMigrations.all.map(\.name)
        guard try await hasLog(sql) else { return SchemaStatus(applied: [], pending: known.map(shortName), unknown: []) }
        let rows = try await sql.raw("SELECT name, created_at FROM _fluent_migrations ORDER BY batch, created_at")
            .all(decoding: Row.self)
        let names = Set(rows.map(\.name))
        return SchemaStatus(
            applied: rows.map { Applied(name: shortName($0.name), at: $0.created_at) },
            pending: known.filter { !names.contains($0) }.map(shortName),
            unknown: rows.map(\.name).filter { !known.contains($0) }.map(shortName))
    }

    /// Whether the migration log exists yet; a new database has none.
    private static func hasLog(_ sql: any SQLDatabase) async throws -> Bool {
        struct Found: Decodable { var found: Int }
        let query: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "SELECT CASE WHEN to_regclass('_fluent_migrations') IS NULL THEN 0 ELSE 1 END AS found"
            : "SELECT COUNT(*) AS found FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'"
        return try await sql.raw(query).first(decoding: Found.self)?.found == 1
    }
}

/// `mend serve` or another command refused to start on this database, saying why and what to do.
public struct SchemaError: Error, CustomStringConvertible {
    public var description: String

    /// Refuses a schema from a newer release, and pending migrations when this start may not run them.
    static func check(_ status: SchemaStatus, mayMigrate: Bool) throws {
        if !status.unknown.isEmpty {
            throw SchemaError(
                description: "The database has migrations this mend does not know (\(status.unknown.joined(separator: ", "))): "
                    + "a newer release upgraded it. Run that release, or restore a backup taken before the upgrade.")
        }
        if !status.pending.isEmpty, !mayMigrate {
            throw SchemaError(
                description: "\(status.pending.count) migration(s) are pending (\(status.pending.joined(separator: ", "))) "
                    + "and MEND_MIGRATE=never: run `mend migrate` once, then start the servers.")
        }
    }
}
