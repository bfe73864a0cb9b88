import Fluent
import FluentPostgresDriver
import Foundation
import MendServer
import PostgresKit
import Vapor

/// Which database the server tests run on: SQLite by default, PostgreSQL when MEND_TEST_POSTGRES_URL is set.
/// The test command runs the suite once for each.
enum TestDatabase {
    static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["MEND_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    static var isPostgres: Bool { postgresURL != nil }

    static var name: String { isPostgres ? "PostgreSQL" : "SQLite" }

    /// True under CI, where a skipped test is a failure.
    static var mustNotSkip: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

/// One isolated database for one test: a temp SQLite file, or a fresh PostgreSQL schema.
struct IsolatedDatabase {
    var configure: @Sendable (Application) async throws -> Void
    var cleanup: () async throws -> Void
    var serializeWrites: Bool

    static func make() async throws -> IsolatedDatabase {
        if let url = TestDatabase.postgresURL {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await PostgresAdmin.run(url: url, "CREATE SCHEMA \(schema)")
            return IsolatedDatabase(
                configure: { app in
                    var config = try SQLPostgresConfiguration(url: url)
                    config.searchPath = [String(schema)]
                    app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4), as: .psql)
                },
                cleanup: { try await PostgresAdmin.run(url: url, "DROP SCHEMA \(schema) CASCADE") },
                serializeWrites: false)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mend-test-\(UUID().uuidString).sqlite").path
        return IsolatedDatabase(
            configure: { app in await useSQLite(path: path, on: app) },
            cleanup: {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            },
            serializeWrites: true)
    }
}

/// Runs one statement on PostgreSQL outside any test application (schema set-up and tear-down).
enum PostgresAdmin {
    static func run(url: String, _ statement: String) async throws {
        let config = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(
            configuration: config.coreConfiguration, id: 1, logger: Logger(label: "test-admin"))
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "test-admin"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
