import Vapor

/// Serves `Public/` (the stylesheet) for reads of every path but the API's: the API's paths name no file, and
/// looking for one cost each API request a path join and a failed `stat`.
struct StaticFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, !request.url.path.hasPrefix("/api/"),
            Self.isPlainFilePath(request.url.path)
        else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }

    /// A path that can only name a file inside `Public/`: decodable, with no `..` segment and no NUL. Anything else
    /// goes on to the routes (and so to a 404) instead of to the file system.
    static func isPlainFilePath(_ path: String) -> Bool {
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0") else { return false }
        return !decoded.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
    }
}
