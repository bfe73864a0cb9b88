import ArgumentParser
import Foundation
import MendServer

/// `mend kpis rebuild`: recomputes the stored KPI facts from the ticket histories.
struct KpisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis", abstract: "Manage the stored KPI facts.", subcommands: [Rebuild.self, Generate.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every ticket's KPI facts from its events (after an upgrade that changes definitions).")

        func run() async throws {
            let (tickets, seconds) = try await AppFactory.withApp { app in try await KpiRebuild.run(app: app) }
            print("Rebuilt the KPI facts of \(tickets) tickets in \(String(format: "%.1f", seconds)) s.")
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a past year of generated tickets to a demo database, for the KPI benchmarks (then run rebuild).")

        @ArgumentParser.Option(help: "How many tickets to add.") var tickets = 1_000_000
        @ArgumentParser.Option(help: "The random seed: the same seed on the same demo gives the same tickets.") var seed: UInt64 =
            4
        @ArgumentParser.Option(help: "Tickets per transaction.") var batch = 1_000
        @ArgumentParser.Option(help: "Clients to add beside the demo's, the tickets spread over all.") var clients = 0
        @ArgumentParser.Option(help: "Engineers to add beside the demo's, the tickets spread over all.") var engineers = 0

        func validate() throws {
            guard (1...10_000_000).contains(tickets) else {
                throw ArgumentParser.ValidationError("--tickets must be between 1 and 10000000")
            }
            guard (1...50_000).contains(batch) else {
                throw ArgumentParser.ValidationError("--batch must be between 1 and 50000")
            }
            guard (0...9_999).contains(clients), (0...999).contains(engineers) else {
                throw ArgumentParser.ValidationError("--clients must be between 0 and 9999, --engineers between 0 and 999")
            }
        }

        func run() async throws {
            let total = tickets
            let seconds = try await AppFactory.withApp { app in
                try await DemoHistoryGenerator.run(
                    app: app, tickets: total, seed: seed, batch: batch, clients: clients, engineers: engineers
                ) { done in
                    if done % 50_000 == 0 || done == total { print("  \(done) of \(total) tickets") }
                }
            }
            print("Generated \(total) tickets in \(String(format: "%.1f", seconds)) s. Now run `mend kpis rebuild`.")
        }
    }
}
