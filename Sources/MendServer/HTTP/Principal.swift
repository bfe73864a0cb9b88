import MendCore
import Vapor

/// Who is acting: a signed-in user or a token's owner, with the role's permissions and client scope.
struct Principal: Authenticatable, Sendable {
    var userID: UUID
    var name: String
    var email: String
    var roleKey: String
    var roleName: String
    var permissions: Set<Permission>
    /// Set for client contacts: they see only this company's tickets and only onstage content.
    var clientCompanyID: UUID?
    var contactID: UUID?
    /// The zone pages show this person times in: their own, or for a client contact their company's; nil: the MSP's.
    var timeZone: String?

    var isClient: Bool { clientCompanyID != nil }

    func can(_ permission: Permission) -> Bool { permissions.contains(permission) }

    func require(_ permission: Permission) throws {
        guard can(permission) else { throw Problem.forbidden(permission) }
    }

    /// Staff-only actions look like "not found" to clients, so nothing about them leaks.
    func requireStaff(_ what: String = "resource") throws {
        if isClient { throw Problem.notFound(what) }
    }
}

extension Request {
    /// The authenticated principal, or 401.
    func principal() throws -> Principal {
        guard let principal = auth.get(Principal.self) else {
            throw Problem(
                .unauthorized, "unauthorized", "Sign-in required",
                detail: "Send 'Authorization: Bearer <token>' or sign in.")
        }
        return principal
    }
}
