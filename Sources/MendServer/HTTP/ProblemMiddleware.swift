import Vapor

/// Turns any error into application/problem+json for the API, and into the error page for the web UI.
///
/// It never throws: an error that left it would make Vapor close the connection without an answer.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            }
            // Only the API and the metrics scrape speak problem+json; pages get HTML (browsers accept */* too, so
            // Accept is no guide).
            if request.url.path.hasPrefix("/api/") || request.url.path == "/metrics" {
                return Self.jsonResponse(problem)
            }
            do {
                return try await WebErrorPage.render(problem, for: request)
            } catch {
                request.logger.report(error: error)
                return WebErrorPage.plain(problem)
            }
        }
    }

    static func jsonResponse(_ problem: Problem) -> Response {
        let response = Response(status: problem.status)
        if let body = try? JSONEncoder().encode(ProblemBody(problem)) {
            response.body = .init(data: body)
        } else {
            response.body = .init(string: #"{"type":"urn:mend:problem:internal","title":"Internal error","status":500}"#)
        }
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
