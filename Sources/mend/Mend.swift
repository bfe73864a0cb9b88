import ArgumentParser
import NIOCore
import NIOPosix

/// The `mend` command: serve, migrate, demo, user, token.
@main
struct Mend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend",
        abstract: "Tier 2 incident resolution for managed service providers.",
        discussion: "Configuration comes from environment variables (MEND_DATABASE_URL, ...); see README.md.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, UserCommand.self, TokenCommand.self, CalendarCommand.self, MailgateCommand.self,
            KpisCommand.self, BackupCommand.self, RestoreCommand.self, ProcessCommand.self,
            BlueprintCommand.self,
        ])

    /// Runs Swift concurrency on NIO's event loops, so awaiting a database result does not hop threads.
    static func main() async {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
