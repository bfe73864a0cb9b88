import Fluent
import SQLKit
import Vapor

/// `GET /readyz`: whether this server can serve now, for a load balancer or an orchestrator. The database answers
/// and its schema is the one this build knows; otherwise 503 with the reason. `/healthz` stays liveness only.
enum Readiness {
    static func check(req: Request) async throws -> Response {
        let status: SchemaStatus
        do {
            // Reading the migration log is the database's answer too.
            status = try await SchemaStatus.read(req.db)
        } catch {
            req.logger.warning("Not ready: the database does not answer: \(String(reflecting: error))")
            return unready(req, "The database does not answer.")
        }
        if !status.unknown.isEmpty {
            return unready(
                req, "The database has migrations this server does not know (\(status.unknown.joined(separator: ", "))).")
        }
        if !status.pending.isEmpty {
            return unready(
                req, "\(status.pending.count) migration(s) are pending: \(status.pending.joined(separator: ", ")).")
        }
        var json = JSONWriter(capacity: 96)
        json.object { json in
            json.member("status", "ready")
            json.member("database", (req.db as? any SQLDatabase)?.dialect.name)
            json.member("migrations", status.applied.count)
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: json.buffer))
    }

    private static func unready(_ req: Request, _ detail: String) -> Response {
        let response = ProblemMiddleware.jsonResponse(Problem(.serviceUnavailable, "not-ready", "Not ready", detail: detail))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
