import Fluent
import Foundation
import Logging
import MendCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Running Mend for real: `/readyz` says whether this server can serve, a start refuses a schema from a newer
/// release or pending migrations it may not run, every answer names its request, and JSON log lines are JSON.
@Suite("Readiness, schema checks, request ids and JSON logs") struct ReadinessAndSchemaTests {
    @Test func readyWhenTheSchemaIsCurrentAndNotWhenMigrationsArePendingOrUnknown() async throws {
        try await withMend { m in
            let ready = try await m.send(.GET, "/readyz")
            #expect(ready.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(ready.body.readableBytesView)) as? [String: Any]
            #expect(body?["status"] as? String == "ready" && body?["migrations"] as? Int == MendMigrations.all.count)
            #expect(try await SchemaStatus.read(m.app.db).isCurrent)

            // A migration the database lacks: pending, and this server is not ready.
            let sql = try m.app.db.sql
            let last = try #require(MendMigrations.all.last?.name)
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = \(bind: last)").run()
            let pending = try await SchemaStatus.read(m.app.db)
            #expect(pending.pending == [SchemaStatus.shortName(last)] && pending.unknown.isEmpty)
            let notReady = try await m.send(.GET, "/readyz")
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.headers.contentType == .problemJSON)
            #expect(notReady.body.string.contains("1 migration(s) are pending: \(SchemaStatus.shortName(last))"))
            #expect(throws: SchemaError.self) { try SchemaError.check(pending, mayMigrate: false) }
            try SchemaError.check(pending, mayMigrate: true)
            #expect(try await m.send(.GET, "/healthz").status == .ok, "liveness does not depend on the schema")

            // A migration from a newer release: refused at start even when migrating is allowed.
            try await sql.raw(
                """
                INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at)
                VALUES (\(bind: UUID()), 'MendServer.M999_FromTheFuture', 99, \(bind: Date()), \(bind: Date()))
                """
            ).run()
            let newer = try await SchemaStatus.read(m.app.db)
            #expect(newer.unknown == ["M999_FromTheFuture"])
            await #expect(throws: SchemaError.self) { try await prepareDatabase(m.app, migrating: true) }
            #expect(try await m.send(.GET, "/readyz").body.string.contains("M999_FromTheFuture"))
        }
    }

    @Test func everyAnswerNamesItsRequestAndKeepsAPlainIDItWasGiven() async throws {
        try await withMend { m in
            let first = try await m.send(.GET, "/readyz")
            let second = try await m.send(.GET, "/api/v1/tickets/T-999999", as: m.fx.engineerToken)
            let ids = [first, second].compactMap { $0.headers.first(name: RequestID.header) }
            #expect(ids.count == 2 && ids[0] != ids[1], "each request its own id, errors included")
            let given = try await m.send(.GET, "/healthz", headers: [RequestID.header: "lb-7f3a:42"])
            #expect(given.headers.first(name: RequestID.header) == "lb-7f3a:42")
            let hostile = try await m.send(.GET, "/healthz", headers: [RequestID.header: "a b\u{7f}<script>"])
            let replaced = try #require(hostile.headers.first(name: RequestID.header))
            #expect(replaced != "a b\u{7f}<script>" && RequestID.acceptable(replaced) == replaced)
        }
    }

    @Test func aJSONLogLineIsOneObjectWithItsMetadata() throws {
        let bytes = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 1_795_000_000.25), level: .warning, label: "codes.vapor.request",
            message: "Quote \" and\nnewline", source: "Vapor",
            metadata: ["request-id": "lb-1", "message": "never hides the message"])
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(!line.contains("\n"), "one line per entry")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object["time"] == "2026-11-18T11:06:40.250Z")
        #expect(object["level"] == "warning" && object["label"] == "codes.vapor.request")
        #expect(object["message"] == "Quote \" and\nnewline" && object["request-id"] == "lb-1")
    }

    @Test func operationsSettingsAreCheckedAtStart() throws {
        let config = try MendConfig.from(environment: [
            "MEND_MIGRATE": "never", "LOG_FORMAT": "json", "MEND_SHUTDOWN_SECONDS": "45",
        ])
        #expect(!config.migrateOnStart && config.logFormat == .json && config.shutdownSeconds == 45)
        let defaults = try MendConfig.from(environment: [:])
        #expect(defaults.migrateOnStart && defaults.logFormat == .text && defaults.shutdownSeconds == 20)
        #expect(throws: ConfigError.self) {
            try MendConfig.from(environment: ["MEND_MIGRATE": "sometimes", "LOG_FORMAT": "xml", "MEND_SHUTDOWN_SECONDS": "0"])
        }
        do {
            _ = try MendConfig.from(environment: ["MEND_MIGRATE": "sometimes", "LOG_FORMAT": "xml", "MEND_SHUTDOWN_SECONDS": "0"])
        } catch let error as ConfigError {
            #expect(error.problems.count == 3, "every problem listed at once")
        }
    }
}
