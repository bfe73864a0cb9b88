import Vapor

/// /api/v1/webhooks: outbound webhook subscriptions and their delivery log (integrations.manage).
struct WebhookAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("webhooks", use: list)
        routes.post("webhooks", use: create)
        routes.get("webhooks", ":id", use: get)
        routes.put("webhooks", ":id", use: update)
        routes.delete("webhooks", ":id", use: delete)
        routes.post("webhooks", ":id", "secret", use: rotate)
        routes.post("webhooks", ":id", "ping", use: ping)
        routes.get("webhooks", ":id", "deliveries", use: deliveries)
    }

    func list(req: Request) async throws -> ListResponse<WebhookResponse> {
        ListResponse(items: try await req.webhooks.list(for: try req.principal()))
    }

    func create(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(WebhookRequest.self, from: req)
        return try await req.webhooks.create(input.body, by: try req.principal()).encodeResponse(status: .created, for: req)
    }

    func get(req: Request) async throws -> WebhookResponse {
        try await req.webhooks.get(try req.idParameter("id", "webhook"), for: try req.principal())
    }

    func update(req: Request) async throws -> WebhookResponse {
        let input = try StrictJSON.decode(WebhookRequest.self, from: req)
        return try await req.webhooks.update(try req.idParameter("id", "webhook"), input, by: try req.principal())
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await req.webhooks.delete(try req.idParameter("id", "webhook"), by: try req.principal())
        return .noContent
    }

    func rotate(req: Request) async throws -> WebhookResponse {
        try await req.webhooks.rotate(try req.idParameter("id", "webhook"), by: try req.principal())
    }

    func ping(req: Request) async throws -> Response {
        try await req.webhooks.ping(try req.idParameter("id", "webhook"), by: try req.principal())
            .encodeResponse(status: .accepted, for: req)
    }

    func deliveries(req: Request) async throws -> ListResponse<WebhookAttemptResponse> {
        ListResponse(items: try await req.webhooks.deliveries(try req.idParameter("id", "webhook"), for: try req.principal()))
    }
}
