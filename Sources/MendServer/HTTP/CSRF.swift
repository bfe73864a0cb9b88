import Vapor

/// Double-submit protection: every form carries the session's token in `_csrf`; session-authenticated
/// API writes carry it in `X-CSRF-Token`. Token-authenticated API calls need neither.
enum CSRF {
    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        if let existing = req.session.data["csrf"] { return existing }
        let token = Data.random(count: 24).base64URLEncoded
        req.session.data["csrf"] = token
        return token
    }

    static func matches(_ sent: String?, req: Request) -> Bool {
        guard let sent, let expected = req.hasSession ? req.session.data["csrf"] : nil, !expected.isEmpty else { return false }
        return sent.utf8.count == expected.utf8.count && zip(sent.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Refuses unsafe web requests without the session's CSRF token.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The methods that change something; any other (TRACE, an unknown verb) goes on to the routes and a 404.
        let unsafe = [.POST, .PUT, .PATCH, .DELETE].contains(request.method)
        let bearer = request.headers.bearerAuthorization != nil
        // A survey answer through the API is authorised by the link's token alone and never reads the session,
        // so there is nothing for a forged request to ride on.
        // Asking for a sign-in link reads no session either: anyone may ask, and the link goes only to the address's owner.
        let capability =
            request.url.path.hasPrefix("/api/v1/surveys/") || request.url.path == "/api/v1/login-links"
        if unsafe && !bearer && !capability {
            let sent: String?
            if request.url.path.hasPrefix("/api/") {
                // A write with no credentials at all is unauthenticated, not a forged form.
                guard request.auth.has(Principal.self) else {
                    throw Problem(
                        .unauthorized, "unauthorized", "Sign-in required",
                        detail: "Send 'Authorization: Bearer <token>' or sign in.")
                }
                sent = request.headers.first(name: CSRF.header)
            } else {
                // Every page posts a URL-encoded form. Anything else is refused before any decoder sees it: Vapor's
                // multipart decoder traps on an empty boundary, so no web body may reach it.
                guard MediaTypeText.names(request.headers.first(name: .contentType), "application/x-www-form-urlencoded")
                else {
                    throw Problem(
                        .unsupportedMediaType, "unsupported-media-type", "Unsupported form",
                        detail: "Pages accept forms sent as application/x-www-form-urlencoded only.")
                }
                // A form larger than the first chunk arrives as a stream; read it whole before looking inside.
                if request.body.data == nil {
                    _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
                }
                if let body = request.body.string, let problem = RequestBodyFaults.formNulProblem(in: body) {
                    throw problem
                }
                sent = try? request.content.get(String.self, at: CSRF.field)
            }
            guard CSRF.matches(sent, req: request) else {
                throw Problem(
                    .forbidden, "csrf", "Form expired",
                    detail: "The form's security token is missing or stale. Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }
}
