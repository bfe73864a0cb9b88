import Fluent
import MendCore
import Vapor

/// /api/v1 on-call pages: the ones waiting for the signed-in person, and their answers.
struct PageAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("pages", use: list)
        routes.post("pages", ":pageID", "acknowledge", use: acknowledge)
        routes.post("pages", ":pageID", "elect", use: elect)
        routes.post("pages", ":pageID", "decline", use: decline)
    }

    func list(req: Request) async throws -> ListResponse<PageResponse> {
        let scope = (try? req.query.get(String.self, at: "scope")) ?? "mine"
        guard ["mine", "all"].contains(scope) else { throw Problem.invalid("scope", "must be mine or all") }
        return ListResponse(items: try await req.paging.pages(for: try req.principal(), openOnly: scope == "mine"))
    }

    func acknowledge(req: Request) async throws -> PageResponse {
        try await req.paging.answer(id(req), .acknowledge, reason: nil, by: try req.principal())
    }

    func elect(req: Request) async throws -> PageResponse {
        try await req.paging.answer(id(req), .elect, reason: nil, by: try req.principal())
    }

    func decline(req: Request) async throws -> PageResponse {
        let principal = try req.principal()
        let input = try StrictJSON.decode(PageDeclineRequest.self, from: req)
        return try await req.paging.answer(id(req), .decline, reason: input.body.reason, by: principal)
    }

    private func id(_ req: Request) -> UUID? { req.parameters.get("pageID").flatMap(UUID.init(uuidString:)) }
}

extension Request {
    var paging: PageService { PageService(db: db, services: application.mend) }
}
