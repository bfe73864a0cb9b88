import ArgumentParser
import Foundation
import MendServer
import Vapor

/// Fills a database with open tickets, a share of them with SLA timers due, and times one scheduler tick.
@main
struct SchedulerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend-scheduler-bench", abstract: "Time one SLA scheduler tick over many open tickets.")

    @ArgumentParser.Option(help: "sqlite:///path or postgres://... (the database is filled; use a scratch one).")
    var database: String
    @ArgumentParser.Option(help: "Open tickets to create.") var tickets = 1_000_000
    @ArgumentParser.Option(help: "One ticket in this many has its warning and breach due.") var dueEvery = 100
    @ArgumentParser.Flag(help: "Give the due tickets an engineer, so each firing also writes a notification.")
    var assigned = false
    @ArgumentParser.Flag(
        help: "Spread the due tickets among the others (every --due-every-th), not first as they opened: the worst case.")
    var interleaved = false
    @ArgumentParser.Flag(help: "Skip filling (the database was filled by an earlier run).") var noFill = false
    @ArgumentParser.Flag(help: "Fill only; tick in a later run with --no-fill.") var fillOnly = false

    func run() async throws {
        let config = try MendConfig.from(environment: ["MEND_DATABASE_URL": database])
        var environment = Environment(name: "production", arguments: ["mend-scheduler-bench"])
        environment.arguments = ["mend-scheduler-bench"]
        let app = try await Application.make(environment)
        app.logger.logLevel = .warning
        let sqlite: Bool
        if case .sqlite = config.database { sqlite = true } else { sqlite = false }
        // A fixed instant, so a database filled by one run is due in a later --no-fill run.
        let now = Date(timeIntervalSince1970: 1_796_047_200)
        let services = MendServices(
            config: config, clock: ManualClock(now),
            gate: WriteGate(serialize: sqlite, sqliteSynchronous: sqlite ? "NORMAL" : nil))
        do {
            try await configure(app, services: services)
            try await prepareDatabase(app)
            if !noFill {
                let started = ContinuousClock.now
                try await SlaBenchmarkFixture.fill(
                    count: tickets, dueEvery: dueEvery, assigned: assigned, interleaved: interleaved, now: now, on: app.db)
                print("filled \(tickets) tickets in \((ContinuousClock.now - started) / .seconds(1)) s")
            }
            if fillOnly {
                try await app.asyncShutdown()
                return
            }
            let scheduler = SlaScheduler(db: app.db, services: services)
            let started = ContinuousClock.now
            let fired = try await scheduler.tick(now: now)
            let milliseconds = (ContinuousClock.now - started) / .milliseconds(1)
            print(String(format: "tick fired=%d milliseconds=%.1f", fired, milliseconds))
            let again = ContinuousClock.now
            let second = try await scheduler.tick(now: now)
            print(
                String(format: "second tick fired=%d milliseconds=%.1f", second, (ContinuousClock.now - again) / .milliseconds(1))
            )
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
