import Vapor

/// Marks a request whose session has been loaded, so that code which may also run for a request refused before
/// the sessions middleware (the error page) can tell whether touching `req.session` is safe.
struct SessionsReady: AsyncMiddleware {
    private struct Key: StorageKey {
        typealias Value = Bool
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[Key.self] = true
        return try await next.respond(to: request)
    }

    /// Whether the sessions middleware has run for `request`; reading `req.session` before it traps in debug builds.
    static func isReady(_ request: Request) -> Bool {
        request.storage[Key.self] ?? false
    }
}
