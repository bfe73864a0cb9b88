import Vapor

/// Gives every request an id that its log lines carry (`request-id`) and its answer names (`X-Request-Id`), so a
/// person quoting an error and the logs of several servers meet. A proxy's own id is kept when it is a plain token.
struct RequestID: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Vapor takes `request.id` from this header as sent, so an unfit one gets a fresh id, not Vapor's.
        let sent = request.headers.first(name: Self.header)
        let id = sent.flatMap(Self.acceptable) ?? (sent == nil ? request.id : UUID().uuidString)
        request.logger[metadataKey: "request-id"] = .string(id)
        // Errors are answers by now (ProblemMiddleware is further in), so every answer names its request.
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: id)
        return response
    }

    /// An incoming id worth keeping: 1 to 128 letters, digits, `-`, `_`, `.` or `:`; anything else is replaced.
    static func acceptable(_ text: String) -> String? {
        guard (1...128).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || [45, 46, 58, 95].contains(byte)
            })
        else { return nil }
        return text
    }
}
