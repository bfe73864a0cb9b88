import Vapor

/// Refuses an over-long target (414) or header section (431), and a query value holding a NUL (422), before any
/// other work is done for the request.
///
/// NIO's parser closes the connection itself above 80 KiB of head; these limits sit well below that, so every
/// request a client can reasonably send gets an answer that says what was too large.
struct RequestLimits: AsyncMiddleware {
    /// The longest request target accepted; Mend's own links and filters stay far under it.
    static let maxTargetBytes = 8 * 1024
    /// The largest header section accepted (names, values and their separators), cookies included.
    static let maxHeaderBytes = 32 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.string.utf8.count > Self.maxTargetBytes {
            throw Problem(
                .uriTooLong, "uri-too-long", "Request target too long",
                detail: "The request's path and query are longer than \(Self.maxTargetBytes) bytes.")
        }
        // A NUL in a query value would be stored or compared cut short; refuse it with the parameter's name.
        if let query = request.url.query, let problem = RequestBodyFaults.formNulProblem(in: query) { throw problem }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > Self.maxHeaderBytes {
            throw Problem(
                .requestHeaderFieldsTooLarge, "header-fields-too-large", "Request headers too large",
                detail: "The request's headers are larger than \(Self.maxHeaderBytes) bytes.")
        }
        return try await next.respond(to: request)
    }
}
