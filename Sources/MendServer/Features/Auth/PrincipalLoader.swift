import Fluent
import MendCore
import Vapor

/// Builds a `Principal` from a user row and its role.
enum PrincipalLoader {
    static func load(userID: UUID, on db: any Database) async throws -> Principal? {
        guard let user = try await UserModel.find(userID, on: db), user.active else { return nil }
        return try await principal(for: user, on: db)
    }

    static func principal(for user: UserModel, on db: any Database) async throws -> Principal? {
        guard let role = try await RoleModel.query(on: db).filter(\.$key == user.roleKey).first() else { return nil }
        let permissions = Set(role.permissions.split(separator: ",").compactMap { Permission(rawValue: String($0)) })
        var zone = user.timeZone
        if role.isClient, zone == nil, let company = user.companyID {
            zone = try await CompanyModel.find(company, on: db)?.timezone
        }
        return Principal(
            userID: user.id!, name: user.name, email: user.email, roleKey: role.key, roleName: role.name,
            permissions: permissions, clientCompanyID: role.isClient ? user.companyID : nil,
            contactID: user.contactID, timeZone: zone)
    }
}
