import MendCore
import Vapor

/// Runs each request under this server's process rules, so the core enforces the definition the server loaded.
struct ProcessScope: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await ProcessRules.$source.withValue(request.application.mend.process) {
            try await next.respond(to: request)
        }
    }
}
