import Vapor

/// Bcrypt with a cost that keeps a login under a tenth of a second on a small server.
enum PasswordHasher {
    static let cost = 10

    static func hash(_ password: String) async throws -> String {
        try await Task.detached { try Bcrypt.hash(password, cost: cost) }.value
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await Task.detached { (try? Bcrypt.verify(password, created: hash)) ?? false }.value
    }
}
