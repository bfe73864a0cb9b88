import Crypto
import Fluent
import MendCore
import SQLKit
import Vapor

/// `GET /metrics`: Prometheus text. With `MEND_METRICS_TOKEN` set, a scrape must bring it as a bearer token.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    func metrics(req: Request) async throws -> Response {
        if let token = req.mend.config.metricsToken {
            let given = req.headers.bearerAuthorization?.token ?? ""
            // Compared as digests, so the time taken says nothing about how much of the token was right.
            guard SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(token.utf8)) else {
                throw Problem(
                    .unauthorized, "unauthorized", "Metrics token required",
                    detail: "This server's metrics need its MEND_METRICS_TOKEN as a bearer token.")
            }
        }
        let sql = try req.db.sql
        let open = try await sql.raw(
            """
            SELECT priority, status, COUNT(*) AS count FROM tickets
            WHERE status IN (\(binds: TicketStatus.allCases.filter(\.isOpen).map(\.rawValue))) GROUP BY priority, status
            """
        ).all(decoding: MendMetrics.OpenCount.self)
        let outbox = try await sql.raw(
            "SELECT channel, state, COUNT(*) AS count FROM outbox WHERE state IN ('pending', 'failed') GROUP BY channel, state"
        ).all(decoding: MendMetrics.OutboxCount.self)
        let metrics = req.mend.metrics
        metrics.setGauges(open: open, outbox: outbox)
        let response = Response(status: .ok, body: .init(string: metrics.text()))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
