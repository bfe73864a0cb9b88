import Fluent
import Vapor

/// Sign-in and sign-out for people; the session keeps only the user id and the CSRF token.
struct AuthWebController: RouteCollection {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Encodable {
        var layout: LayoutContext
        var email: String
        var next: String
        var error: String?
        /// The "email me a sign-in link" form: what was typed, and what came of it.
        var linkEmail = ""
        var linkSent: String?
        var linkError: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: show)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    func show(req: Request) async throws -> View {
        let next = safeNext(req.query[String.self, at: "next"])
        var page = LoginPage(layout: LayoutContext(req, title: "Sign in"), email: "", next: next)
        if req.query[String.self, at: "link"] == "sent" { page.linkSent = SignInLinkService.acknowledgement }
        if let refusal = req.takeRefusal(for: "/login") {
            page.linkEmail = refusal.fields["email"] ?? ""
            page.linkError = refusal.error.fields.first.map { "Email \($0.message)." } ?? refusal.error.detail
        }
        return try await req.view.render("login", page)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = (form.email ?? "").trimmed.lowercased()
        if let user = try await UserModel.query(on: req.db).filter(\.$email == email).first(), user.active,
            let hash = user.passwordHash, await PasswordHasher.verify(form.password ?? "", hash: hash)
        {
            // A fresh session id on sign-in defeats session fixation.
            req.session.id = nil
            req.session.data["uid"] = user.id!.uuidString
            _ = CSRF.token(for: req)
            return req.redirect(to: safeNext(form.next))
        }
        let page = LoginPage(
            layout: LayoutContext(req, title: "Sign in"), email: email, next: safeNext(form.next),
            error: "That email and password do not match an active account.")
        let response = try await req.view.render("login", page).encodeResponse(for: req)
        response.status = .unauthorized
        return response
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// Only same-site paths, so the login form cannot redirect to another site.
    private func safeNext(_ next: String?) -> String {
        guard let next = next?.removingPercentEncoding, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\")
        else { return "/tickets" }
        return next
    }
}
