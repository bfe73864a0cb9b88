import Vapor

/// Answers each request with `WebFormat.zone` set to the reader's zone: a person's own, a client contact's
/// company's, or else the MSP's (`MEND_TIME_ZONE`). Every time a page formats is then in that zone.
struct ReaderZone: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let name = request.auth.get(Principal.self)?.timeZone ?? request.mend.config.timeZone
        guard let zone = WebFormat.Zone(name), name != "UTC" else { return try await next.respond(to: request) }
        return try await WebFormat.$zone.withValue(zone) { try await next.respond(to: request) }
    }
}
