import Vapor

/// Turns any error into application/problem+json for the API, and into the error page for the web UI.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            }
            // Only the API speaks problem+json; pages get HTML (browsers accept */* too, so Accept is no guide).
            if request.url.path.hasPrefix("/api/") {
                return try Self.jsonResponse(problem)
            }
            return try await WebErrorPage.render(problem, for: request)
        }
    }

    static func jsonResponse(_ problem: Problem) throws -> Response {
        let response = Response(status: problem.status)
        try response.content.encode(ProblemBody(problem), as: .json)
        response.headers.contentType = .problemJSON
        if problem.status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"mend\"")
        }
        return response
    }
}

extension HTTPMediaType {
    static let problemJSON = HTTPMediaType(type: "application", subType: "problem+json")
}
