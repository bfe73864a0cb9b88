import ArgumentParser
import MendServer
import Vapor

/// `mend user add`: creates a staff user or a client contact login.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints a generated password when none is given.")

        @ArgumentParser.Option(help: "Email address (the login).") var email: String
        @ArgumentParser.Option(help: "Display name.") var name: String
        @ArgumentParser.Option(help: "Role key: admin, engineer, on_call_engineer, sme, service_manager, csr, client_contact.")
        var role: String
        @ArgumentParser.Option(help: "Password (at least 10 characters); generated when omitted.") var password: String?
        @ArgumentParser.Option(help: "For client_contact: the contact id this login belongs to.") var contactID: String?

        func run() async throws {
            let generated = password == nil
            let secret = password ?? GeneratedPassword.make()
            let contact = try contactID.map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw ArgumentParser.ValidationError("--contact-id must be a UUID") }
                return id
            }
            try await AppFactory.withApp { app in
                let user = try await UserAdmin.add(
                    email: email, name: name, role: role, password: secret, contactID: contact, app: app)
                print("Added \(user.email) (\(user.role)) id \(user.id)")
                if generated { print("Password: \(secret)") }
            }
        }
    }
}

/// `mend token create`: an API token for a user, printed once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it (it is stored hashed).")

        @ArgumentParser.Option(help: "Email of the user the token acts as.") var email: String
        @ArgumentParser.Option(help: "A name to recognise the token by.") var name = "cli"

        func run() async throws {
            try await AppFactory.withApp { app in
                print(try await UserAdmin.createToken(email: email, name: name, app: app))
            }
        }
    }
}
