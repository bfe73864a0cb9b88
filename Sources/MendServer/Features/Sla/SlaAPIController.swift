import Fluent
import MendCore
import Vapor

/// /api/v1 SLA policies, contract SLA settings and the at-risk list.
struct SlaAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sla-policies", use: list)
        routes.post("sla-policies", use: create)
        routes.get("sla-policies", ":policyID", use: show)
        routes.put("sla-policies", ":policyID", use: replace)
        routes.get("contracts", ":contractID", "sla", use: contractSla)
        routes.put("contracts", ":contractID", "sla", use: setContractSla)
        routes.get("sla", "at-risk", use: atRisk)
    }

    func list(req: Request) async throws -> ListResponse<SlaPolicyResponse> {
        ListResponse(items: try await req.sla.policies(for: try req.principal()).map(\.response))
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.principal()
        let object = try StrictJSON.object(from: req)
        return try await req.sla.createPolicy(object, by: principal).response.encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> SlaPolicyResponse {
        try await req.sla.policy(req.parameters.get("policyID").flatMap(UUID.init(uuidString:)), for: try req.principal())
            .response
    }

    func replace(req: Request) async throws -> SlaPolicyResponse {
        let principal = try req.principal()
        let object = try StrictJSON.object(from: req)
        return try await req.sla.replacePolicy(
            req.parameters.get("policyID").flatMap(UUID.init(uuidString:)), object, by: principal
        ).response
    }

    func contractSla(req: Request) async throws -> ContractSlaResponse {
        try await req.sla.contractSla(req.parameters.get("contractID").flatMap(UUID.init(uuidString:)), for: try req.principal())
    }

    func setContractSla(req: Request) async throws -> ContractSlaResponse {
        let principal = try req.principal()
        let object = try StrictJSON.object(from: req)
        return try await req.sla.setContractSla(
            req.parameters.get("contractID").flatMap(UUID.init(uuidString:)), object, by: principal)
    }

    func atRisk(req: Request) async throws -> ListResponse<TicketResponse> {
        let limit = try req.query.get(Int?.self, at: "limit") ?? 100
        guard (1...500).contains(limit) else { throw Problem.invalid("limit", "must be between 1 and 500") }
        let tickets = try await req.sla.atRisk(for: try req.principal(), limit: limit)
        return ListResponse(items: try await req.tickets.loader.responses(tickets))
    }
}

extension Request {
    var sla: SlaService { SlaService(db: db, services: application.mend) }
}
