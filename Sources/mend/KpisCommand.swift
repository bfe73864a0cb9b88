import ArgumentParser
import Foundation
import MendServer

/// `mend kpis rebuild`: recomputes the stored KPI facts from the ticket histories.
struct KpisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis", abstract: "Manage the stored KPI facts.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every ticket's KPI facts from its events (after an upgrade that changes definitions).")

        func run() async throws {
            let (tickets, seconds) = try await AppFactory.withApp { app in try await KpiRebuild.run(app: app) }
            print("Rebuilt the KPI facts of \(tickets) tickets in \(String(format: "%.1f", seconds)) s.")
        }
    }
}
