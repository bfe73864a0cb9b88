import Vapor

/// Authenticates by bearer token (integrations) or by the web session (people).
struct AuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The metrics scrape brings the metrics token, not a person's or an integration's: it checks it itself.
        if request.url.path == "/metrics" { return try await next.respond(to: request) }
        if let bearer = request.headers.bearerAuthorization {
            guard
                let principal = try await TokenService.principal(
                    for: bearer.token, on: request.db, cache: request.mend.tokens, now: request.mend.clock.now())
            else {
                throw Problem(.unauthorized, "unauthorized", "Invalid token", detail: "The bearer token is not valid.")
            }
            request.auth.login(principal)
        } else if request.hasSession, let raw = request.session.data["uid"], let id = UUID(uuidString: raw),
            let principal = try await PrincipalLoader.load(userID: id, on: request.db)
        {
            request.auth.login(principal)
            // Pages show the unread count in the navigation; API calls through the session do not need it.
            if request.method == .GET, !principal.isClient, request.url.path.hasPrefix("/api/") == false {
                request.storage[UnreadNotificationsKey.self] = try await request.notifications.unreadCount(for: principal)
            }
        }
        return try await next.respond(to: request)
    }
}

/// The signed-in person's unread notifications, counted once per page view for the navigation badge.
struct UnreadNotificationsKey: StorageKey {
    typealias Value = Int
}
