import Vapor

/// Times every request for `mend_http_request_duration_seconds`, labelled by the route's pattern (never its
/// values: `/api/v1/tickets/:number`, not a ticket's number) or `unmatched`.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: MendMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let status: UInt
        do {
            let response = try await next.respond(to: request)
            status = response.status.code
            record(request, status: status, since: start)
            return response
        } catch {
            // The problem middleware further out turns the error into its answer; its status is the error's.
            status = (error as? any AbortError)?.status.code ?? (error as? Problem)?.status.code ?? 500
            record(request, status: status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.recordRequest(
            method: request.method.rawValue, route: route, status: status, duration: ContinuousClock.now - start)
    }
}
