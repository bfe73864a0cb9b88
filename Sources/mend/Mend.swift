import ArgumentParser

/// The `mend` command: serve, migrate, demo, user, token.
@main
struct Mend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend",
        abstract: "Tier 2 incident resolution for managed service providers.",
        discussion: "Configuration comes from environment variables (MEND_DATABASE_URL, ...); see README.md.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, TokenCommand.self])
}
