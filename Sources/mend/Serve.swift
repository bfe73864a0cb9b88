import ArgumentParser
import MendServer
import Vapor

/// `mend serve`: migrates (idempotent) and serves the web UI and the API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Mend server (migrates the database first).")

    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Seed demo data first when the database is empty.") var demoIfEmpty = false

    func run() async throws {
        let app = try await AppFactory.make(arguments: ["mend", "serve"])
        do {
            try await prepareDatabase(app)
            if demoIfEmpty {
                let seeder = DemoSeeder(db: app.db, services: app.mend)
                if try await seeder.isEmpty() {
                    _ = try await seeder.run(force: false)
                    print("Seeded demo data: sign in as \(DemoSeeder.adminEmail) with password \(DemoSeeder.password)")
                }
            }
            let interval = app.mend.config.schedulerIntervalMilliseconds
            if interval > 0 { app.lifecycle.use(SlaSchedulerLoop(interval: .milliseconds(interval))) }
            if interval > 0 { app.lifecycle.use(OutboxLoop(interval: .milliseconds(interval))) }
            app.http.server.configuration.hostname = hostname
            app.http.server.configuration.port = port
            // On SIGTERM the server stops taking connections and gives those in flight this long to finish; the
            // scheduler and the outbox then finish their pass under way.
            app.http.server.configuration.shutdownTimeout = .seconds(Int64(app.mend.config.shutdownSeconds))
            print("Mend is serving on http://\(hostname):\(port)")
            try await app.execute()
            // SIGTERM came: first the HTTP server stops taking connections and answers what it took (Vapor would
            // stop it last, after the writer and the loops, so requests in flight met a stopped writer); then the
            // loops finish their pass and the writer its queue.
            await app.server.shutdown()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// `mend migrate`: brings the schema up to date; never prompts. `--status` only says where it stands.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (idempotent, no prompt).")

    @ArgumentParser.Flag(help: "List the applied and pending migrations; change nothing.") var status = false

    func run() async throws {
        guard status else {
            try await AppFactory.withApp(migrating: true) { _ in print("Database is up to date.") }
            return
        }
        let app = try await AppFactory.make()
        let schema: SchemaStatus
        do {
            schema = try await SchemaStatus.read(app.db)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        print(MigrationReport.text(schema))
        // A script can tell "nothing to do" from "run mend migrate" from "a newer release was here".
        if !schema.unknown.isEmpty { throw ExitCode(2) }
        if !schema.pending.isEmpty { throw ExitCode(1) }
    }
}

/// `mend demo`: seeds a believable MSP into an empty database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with demo data (refuses a non-empty one unless --force).")

    @ArgumentParser.Flag(help: "Add the demo data even when the database already has data.") var force = false
    @ArgumentParser.Option(help: "How many tickets of the last 60 days to create, in every status.") var tickets = 300
    @ArgumentParser.Option(help: "How many tickets of the past year to create, closed or passed on.") var history = 540

    func run() async throws {
        guard (1...100_000).contains(tickets) else {
            throw ArgumentParser.ValidationError("--tickets must be between 1 and 100000")
        }
        guard (0...100_000).contains(history) else {
            throw ArgumentParser.ValidationError("--history must be between 0 and 100000")
        }
        let outcome = try await AppFactory.withApp { app in
            var seeder = DemoSeeder(db: app.db, services: app.mend)
            seeder.ticketCount = tickets
            seeder.historyCount = history
            return try await seeder.run(force: force)
        }
        switch outcome {
        case let .seeded(count):
            print("Created demo MSP with \(count) tickets. Sign in as \(DemoSeeder.adminEmail) / \(DemoSeeder.password)")
        case .refusedNotEmpty:
            FileHandle.standardError.write(Data("The database is not empty; use --force to add demo data anyway.\n".utf8))
            throw ExitCode(1)
        }
    }
}
