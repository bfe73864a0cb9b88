import Fluent
import MendCore
import Vapor

/// /api/v1 client messages: a ticket's messages and status updates, the outbox, and the message templates.
struct MessageAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", ":number", "messages", use: messages)
        routes.post("tickets", ":number", "updates", use: sendUpdate)
        routes.post("tickets", ":number", "confirmation", use: confirm)
        routes.get("outbox", use: outbox)
        routes.post("outbox", ":id", "retry", use: retry)
        routes.get("message-templates", use: templates)
        routes.get("message-templates", ":kind", use: template)
        routes.put("message-templates", ":kind", use: save)
        routes.delete("message-templates", ":kind", use: reset)
        routes.post("message-templates", ":kind", "preview", use: preview)
    }

    func messages(req: Request) async throws -> ListResponse<OutboxMessageResponse> {
        ListResponse(items: try await req.messages.messages(req.parameters.get("number") ?? "", for: try req.principal()))
    }

    func sendUpdate(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(StatusUpdateRequest.self, from: req)
        return try await req.messages.sendUpdate(req.parameters.get("number") ?? "", input.body, by: try req.principal())
            .encodeResponse(status: .created, for: req)
    }

    func confirm(req: Request) async throws -> TicketResponse {
        let input = try StrictJSON.decode(ConfirmationRequest.self, from: req)
        let ticket = try await ClientConfirmation(db: req.db, services: req.mend).record(
            req.parameters.get("number") ?? "", input.body, by: try req.principal())
        return try await req.tickets.loader.response(ticket)
    }

    func outbox(req: Request) async throws -> ListResponse<OutboxMessageResponse> {
        ListResponse(
            items: try await req.messages.outbox(state: try? req.query.get(String.self, at: "state"), for: try req.principal()))
    }

    func retry(req: Request) async throws -> OutboxMessageResponse {
        return try await req.messages.retry(try req.idParameter("id", "message"), by: try req.principal())
    }

    func templates(req: Request) async throws -> ListResponse<TemplateResponse> {
        ListResponse(items: try await req.templates.list(for: try req.principal()))
    }

    func template(req: Request) async throws -> TemplateResponse {
        try await req.templates.template(req.parameters.get("kind") ?? "", for: try req.principal())
    }

    func save(req: Request) async throws -> TemplateResponse {
        let input = try StrictJSON.decode(TemplateRequest.self, from: req)
        return try await req.templates.save(req.parameters.get("kind") ?? "", input.body, by: try req.principal())
    }

    func reset(req: Request) async throws -> TemplateResponse {
        try await req.templates.reset(req.parameters.get("kind") ?? "", by: try req.principal())
    }

    func preview(req: Request) async throws -> PreviewResponse {
        let input = try StrictJSON.decode(TemplateRequest.self, from: req)
        return try await req.templates.preview(req.parameters.get("kind") ?? "", input.body, for: try req.principal())
    }
}

extension Request {
    var messages: MessageService { MessageService(db: db, services: application.mend) }
    var templates: TemplateService { TemplateService(db: db, services: application.mend) }
}
