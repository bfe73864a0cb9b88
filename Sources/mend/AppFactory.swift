import ArgumentParser
import Foundation
import Logging
import MendCore
import MendServer
import Vapor

/// Builds a configured application for a CLI command, from the process environment.
enum AppFactory {
    static func make(arguments: [String] = ["mend"]) async throws -> Application {
        let config: MendConfig
        do {
            config = try MendConfig.from(environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(78)
        }
        var environment = Environment(name: "production", arguments: arguments)
        switch config.logFormat {
        case .text: try LoggingSystem.bootstrap(from: &environment)
        case .json:
            let level = try Logger.Level.detect(from: &environment)
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        }
        let app = try await Application.make(environment)
        let serialize: Bool
        if case .sqlite = config.database { serialize = true } else { serialize = false }
        try await configure(
            app,
            services: MendServices(
                config: config, clock: SystemClock(),
                gate: WriteGate(serialize: serialize, sqliteSynchronous: serialize ? config.sqliteSynchronous : nil),
                process: .processWide))
        return app
    }

    /// Runs `body` with a prepared (migrated) application and shuts it down after; `migrating` runs pending
    /// migrations even under `MEND_MIGRATE=never` (the `mend migrate` command).
    static func withApp<T>(migrating: Bool = false, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await make()
        do {
            try await prepareDatabase(app, migrating: migrating)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
