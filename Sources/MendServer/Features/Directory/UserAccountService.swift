import Fluent
import MendCore
import Vapor

/// An admin's change to a person's account: name, role, or whether it may sign in.
struct UserUpdateRequest: StrictRequest {
    var name: String?
    var role: String?
    var active: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, role, active }
}

/// A new password, shown once.
struct PasswordResetResponse: Content {
    var userID: UUID
    var email: String
    var password: String
}

/// Admins manage people's accounts (`users.manage`): change a role, turn an account off or on, reset a password.
/// The rules that keep the team from locking itself out are MendCore's `AccountRules`.
struct UserAccountService {
    let db: any Database
    let services: MendServices

    func update(_ id: UUID, _ request: UserUpdateRequest, by principal: Principal) async throws -> UserModel {
        try principal.require(.usersManage)
        guard let user = try await UserModel.find(id, on: db) else { throw Problem.notFound("user") }
        var problems: [FieldProblem] = []
        if let name = request.name, name.trimmed.isEmpty || name.count > 200 {
            problems.append(FieldProblem(field: "name", message: "must be 1 to 200 characters"))
        }
        if let key = request.role {
            guard let role = try await RoleModel.query(on: db).filter(\.$key == key).first() else {
                let keys = try await RoleModel.query(on: db).all().map(\.key).sorted()
                throw Problem.invalid("role", "must be one of: " + keys.joined(separator: ", "))
            }
            // A client login stands for a contact of a company; a staff account for nobody's: they do not swap. A
            // valid role that does not fit this account is a conflict with the account, not bad input.
            if role.isClient != (user.companyID != nil) {
                throw Self.conflict([
                    FieldProblem(
                        field: "role",
                        message: user.companyID == nil ? "must be a staff role for a staff account" : "must be a client role")
                ])
            }
        }
        if !problems.isEmpty { throw Problem.validation(ValidationError(problems)) }
        let otherAdmins = try await UserModel.query(on: db).filter(\.$roleKey == AccountRules.adminRole)
            .filter(\.$active == true).filter(\.$id != id).count()
        let conflicts = AccountRules.change(
            currentRole: user.roleKey, newRole: request.role, active: request.active, isSelf: id == principal.userID,
            otherActiveAdmins: otherAdmins)
        if !conflicts.isEmpty { throw Self.conflict(conflicts) }
        if let name = request.name { user.name = name.trimmed }
        if let role = request.role { user.roleKey = role }
        if let active = request.active { user.active = active }
        try await user.update(on: db)
        return user
    }

    /// A change the account's current state forbids (its kind, the last admin, the admin's own account): 409, each
    /// rule named by its field.
    static func conflict(_ problems: [FieldProblem]) -> Problem {
        var problem = Problem(
            .conflict, "account-conflict", "Not possible for this account",
            detail: problems.map { "\($0.field) \($0.message)" }.joined(separator: "; "), field: problems.first?.field)
        problem.errors = problems
        return problem
    }

    /// Gives the account a new generated password and answers it, once; the old one stops working.
    func resetPassword(_ id: UUID, by principal: Principal) async throws -> PasswordResetResponse {
        try principal.require(.usersManage)
        guard let user = try await UserModel.find(id, on: db) else { throw Problem.notFound("user") }
        let password = GeneratedPassword.make()
        user.passwordHash = try await PasswordHasher.hash(password)
        try await user.update(on: db)
        return PasswordResetResponse(userID: id, email: user.email, password: password)
    }
}

extension Request {
    var accounts: UserAccountService { UserAccountService(db: db, services: application.mend) }
}
