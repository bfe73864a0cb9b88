import Fluent
import MendCore
import Vapor

/// /api/v1 escalation policies (versioned), escalations by hand, and pulling the next ticket from a queue.
struct EscalationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("escalation-policies", use: list)
        routes.post("escalation-policies", use: create)
        routes.get("escalation-policies", ":policyID", use: show)
        routes.put("escalation-policies", ":policyID", use: update)
        routes.get("escalation-policies", ":policyID", "versions", use: versions)
        routes.post("tickets", ":number", "escalations", use: escalate)
        routes.post("queues", ":queueID", "pull", use: pull)
    }

    func list(req: Request) async throws -> ListResponse<EscalationPolicyResponse> {
        ListResponse(items: try await req.escalation.list(for: try req.principal()))
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.principal()
        let row = try await req.escalation.save(nil, try StrictJSON.object(from: req), by: principal)
        return try await EscalationPolicyService.response(row).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> EscalationPolicyResponse {
        try EscalationPolicyService.response(try await req.escalation.policy(policyID(req), for: try req.principal()))
    }

    func update(req: Request) async throws -> EscalationPolicyResponse {
        let principal = try req.principal()
        _ = try await req.escalation.policy(policyID(req), for: principal)
        return try EscalationPolicyService.response(
            try await req.escalation.save(policyID(req), try StrictJSON.object(from: req), by: principal))
    }

    func versions(req: Request) async throws -> ListResponse<EscalationPolicyVersionResponse> {
        ListResponse(items: try await req.escalation.versions(policyID(req), for: try req.principal()))
    }

    func escalate(req: Request) async throws -> TicketResponse {
        let principal = try req.principal()
        let input = try StrictJSON.decode(ManualEscalationRequest.self, from: req)
        let ticket = try await ManualEscalationService(db: req.db, services: req.mend).escalate(
            req.parameters.get("number") ?? "", input.body, by: principal)
        return try await req.tickets.loader.responses([ticket])[0]
    }

    func pull(req: Request) async throws -> Response {
        let principal = try req.principal()
        let queue = req.parameters.get("queueID").flatMap(UUID.init(uuidString:))
        guard let ticket = try await QueuePull(db: req.db, services: req.mend).next(queueID: queue, by: principal) else {
            return Response(status: .noContent)
        }
        return try await req.tickets.loader.responses([ticket])[0].encodeResponse(for: req)
    }

    private func policyID(_ req: Request) -> UUID? { req.parameters.get("policyID").flatMap(UUID.init(uuidString:)) }
}

extension Request {
    var escalation: EscalationPolicyService { EscalationPolicyService(db: db, services: application.mend) }
}
