import Vapor

/// The sign-in page's "email me a link" form, and the page the link opens. Opening the link shows a button
/// rather than signing in at once, so a mail scanner that follows links cannot use it up.
struct SignInLinkWebController: RouteCollection {
    struct RequestForm: Content { var email: String? }

    struct LinkPage: Encodable {
        var layout: LayoutContext
        var token: String
        var email: String
        var closed: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("login", "link", use: request)
        routes.get("login", "link", ":token", use: show)
        routes.post("login", "link", ":token", use: signIn)
    }

    /// Sends the link, then back to the sign-in page: saying it was sent, or why not with the address as typed.
    func request(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/login") {
            let form = try req.content.decode(RequestForm.self)
            try await req.signInLinks.request(email: (form.email ?? "").trimmed)
            return "/login?link=sent"
        }
    }

    func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let (link, closed) = try await req.signInLinks.open(token)
        return try await page(req, token: token, email: link.email, closed: closed)
    }

    func signIn(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            let userID = try await req.signInLinks.consume(token)
            // A fresh session id on sign-in defeats session fixation.
            req.session.id = nil
            req.session.data["uid"] = userID.uuidString
            _ = CSRF.token(for: req)
            return req.redirect(to: "/tickets")
        } catch let problem as Problem where problem.status == .gone {
            let (link, _) = try await req.signInLinks.open(token)
            return try await page(req, token: token, email: link.email, closed: problem.detail)
        }
    }

    private func page(_ req: Request, token: String, email: String, closed: String?) async throws -> Response {
        try await req.renderPage(
            "login-link", LinkPage(layout: LayoutContext(req, title: "Sign in"), token: token, email: email, closed: closed),
            status: closed == nil ? .ok : .gone)
    }
}
