import Fluent
import MendCore
import Vapor

/// /api/v1 CSR handoffs on tickets and their report.
struct HandoffAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", ":number", "handoff", use: show)
        routes.put("tickets", ":number", "handoff", use: record)
        routes.get("reports", "handoffs", use: report)
    }

    func show(req: Request) async throws -> HandoffResponse {
        try await req.handoffs.handoff(req.parameters.get("number") ?? "", for: try req.principal())
    }

    func record(req: Request) async throws -> HandoffResponse {
        let principal = try req.principal()
        let input = try StrictJSON.decode(HandoffRequest.self, from: req)
        return try await req.handoffs.record(req.parameters.get("number") ?? "", input.body, by: principal)
    }

    func report(req: Request) async throws -> HandoffReportResponse {
        let principal = try req.principal()
        let (from, to) = try ReportPeriod.parse(req)
        return try await req.handoffs.report(from: from, to: to, for: principal)
    }
}

extension Request {
    var handoffs: HandoffService { HandoffService(db: db, services: application.mend) }
}
