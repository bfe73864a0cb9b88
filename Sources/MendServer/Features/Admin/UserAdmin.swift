import Fluent
import Vapor

/// Operator actions for the CLI: adding users and creating tokens without a signed-in principal.
public enum UserAdmin {
    public struct Added: Sendable {
        public var id: UUID
        public var email: String
        public var role: String
    }

    public static func add(
        email: String, name: String, role: String, password: String, contactID: UUID?, app: Application
    ) async throws -> Added {
        let request = UserRequest(email: email, name: name, role: role, password: password, contactID: contactID)
        do {
            let user = try await DirectoryService(db: app.db, services: app.mend).createUser(request, by: nil)
            return Added(id: user.id!, email: user.email, role: user.roleKey)
        } catch {
            throw CLIError(ProblemMapping.problem(for: error))
        }
    }

    public static func createToken(email: String, name: String, app: Application) async throws -> String {
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == email.lowercased()).first() else {
            throw CLIError(message: "No user with email \(email).")
        }
        do {
            return try await TokenService.create(name: name, for: user.id!, on: app.db, now: app.mend.clock.now()).1
        } catch {
            throw CLIError(ProblemMapping.problem(for: error))
        }
    }
}

/// A refusal explained for a terminal.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String

    init(message: String) { self.message = message }

    init(_ problem: Problem) {
        message =
            problem.errors.isEmpty ? problem.detail : problem.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
    }

    public var description: String { message }
}
