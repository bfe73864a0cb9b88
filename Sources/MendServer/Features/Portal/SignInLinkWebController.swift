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

    func request(req: Request) async throws -> Response {
        let form = try req.content.decode(RequestForm.self)
        let email = (form.email ?? "").trimmed
        do {
            try await req.signInLinks.request(email: email)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500 else { throw error }
            return try await loginPage(
                req, email: email, linkError: problem.errors.first.map { "Email \($0.message)." } ?? problem.detail)
        }
        return try await loginPage(req, email: email, linkSent: SignInLinkService.acknowledgement)
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

    private func loginPage(_ req: Request, email: String, linkSent: String? = nil, linkError: String? = nil) async throws
        -> Response
    {
        let page = AuthWebController.LoginPage(
            layout: LayoutContext(req, title: "Sign in"), email: "", next: "/tickets", linkEmail: email,
            linkSent: linkSent, linkError: linkError)
        return try await req.renderPage("login", page, status: linkError == nil ? .ok : .unprocessableEntity)
    }
}
