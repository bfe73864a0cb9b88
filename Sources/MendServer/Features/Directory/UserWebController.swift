import Fluent
import MendCore
import Vapor

/// The admins' people page: everyone with an account, their role, whether they may sign in and the on-call
/// rotations they are in; invite a colleague, change a role, turn an account off or on, reset a password.
struct UserWebController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            var id: String
            var name: String
            var email: String
            var roleName: String
            var roles: [Option]
            var active: Bool
            var company: String?
            var rotations: String
            var isSelf: Bool
        }

        var layout: LayoutContext
        var rows: [Row]
        var staffRoles: [Option]
        /// A password made just now, shown this once: "who: password".
        var shownOnce: String?
        var notice: String?
        var refusal: FormRefusal.View?
    }

    static let shownOnceKey = "shown-once"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "users", use: show)
        routes.post("settings", "users", use: invite)
        routes.post("settings", "users", ":userID", use: update)
        routes.post("settings", "users", ":userID", "password", use: resetPassword)
    }

    func show(req: Request) async throws -> View {
        let principal = try req.principal()
        try principal.requireStaff("user")
        try principal.require(.usersManage)
        let refusal = req.takeRefusal(for: "/settings/users")
        let shownOnce = req.session.data[Self.shownOnceKey]
        req.session.data[Self.shownOnceKey] = nil
        let users = try await UserModel.query(on: req.db).sort(\.$active, .descending).sort(\.$name).all()
        let roles = try await RoleModel.query(on: req.db).sort(\.$key).all()
        let companies = try await CompanyModel.query(on: req.db).all()
        let companyNames = Dictionary(uniqueKeysWithValues: companies.map { ($0.id!, $0.name) })
        var rotationsByUser: [UUID: [String]] = [:]
        for rotation in try await req.onCall.rotations(for: principal) {
            for member in try await req.onCall.response(rotation, now: req.mend.clock.now()).members {
                rotationsByUser[member.id, default: []].append(rotation.name)
            }
        }
        let rows = users.map { user in
            Page.Row(
                id: user.id!.uuidString, name: user.name, email: user.email,
                roleName: roles.first { $0.key == user.roleKey }?.name ?? user.roleKey,
                roles: roles.filter { $0.isClient == (user.companyID != nil) }.map {
                    Option(value: $0.key, label: $0.name, selected: $0.key == user.roleKey)
                }, active: user.active, company: user.companyID.flatMap { companyNames[$0] },
                rotations: (rotationsByUser[user.id!] ?? []).joined(separator: ", "), isSelf: user.id == principal.userID)
        }
        let notice: String? =
            switch try? req.query.get(String.self, at: "done") {
            case "invited": "Invited. Give them the password below; they can change nothing else about it yet."
            case "saved": "Saved."
            case "reset": "Password reset: the old one no longer works."
            default: nil
            }
        return try await req.view.render(
            "settings/users",
            Page(
                layout: LayoutContext(req, title: "People"), rows: rows,
                staffRoles: roles.filter { !$0.isClient }.map {
                    Option(value: $0.key, label: $0.name, selected: $0.key == (refusal?.fields["role"] ?? "engineer"))
                }, shownOnce: shownOnce, notice: notice, refusal: refusal?.view))
    }

    func invite(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/settings/users") {
            let form = try req.content.decode([String: String].self)
            let password = form["password"].nonEmpty ?? GeneratedPassword.make()
            let user = try await req.directory.createUser(
                UserRequest(
                    email: form["email"]?.trimmed ?? "", name: form["name"] ?? "", role: form["role"] ?? "",
                    password: password, contactID: nil), by: try req.principal())
            if form["password"].nonEmpty == nil { req.session.data[Self.shownOnceKey] = "\(user.email): \(password)" }
            return "/settings/users?done=invited"
        }
    }

    func update(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/settings/users") {
            let form = try req.content.decode([String: String].self)
            let active: Bool? =
                switch form["active"] {
                case "true": true
                case "false": false
                default: nil
                }
            _ = try await req.accounts.update(
                try req.idParameter("userID", "user"),
                UserUpdateRequest(name: form["name"].nonEmpty, role: form["role"].nonEmpty, active: active),
                by: try req.principal())
            return "/settings/users?done=saved"
        }
    }

    func resetPassword(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/settings/users") {
            let reset = try await req.accounts.resetPassword(try req.idParameter("userID", "user"), by: try req.principal())
            req.session.data[Self.shownOnceKey] = "\(reset.email): \(reset.password)"
            return "/settings/users?done=reset"
        }
    }
}
