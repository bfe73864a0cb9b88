import MendCore
import Vapor

/// The admins' webhook pages: the list with a new-subscription form, and each subscription with its
/// settings, secret rotation, test ping and delivery log.
struct WebhookWebController: RouteCollection {
    struct Form: Content {
        var url: String?
        var description: String?
        var events: [String]?
        var active: String?
    }

    struct KindOption: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct ListPage: Encodable {
        struct Line: Encodable {
            var id: String
            var url: String
            var description: String
            var events: String
            var active: Bool
            var last: String
        }

        var layout: LayoutContext
        var lines: [Line]
        var kinds: [KindOption]
        var draft: Form
        var error: ErrorBox?
    }

    struct DetailPage: Encodable {
        struct Attempt: Encodable {
            var delivery: String
            var event: String
            var attempt: Int
            var at: String
            var answer: String
            var ok: Bool
            var state: String
            var canRetry: Bool
        }

        var layout: LayoutContext
        var id: String
        var url: String
        var description: String
        var active: Bool
        var kinds: [KindOption]
        var created: String
        /// Shown once: right after creation or rotation.
        var secret: String?
        var notice: String?
        var attempts: [Attempt]
        var error: ErrorBox?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "webhooks", use: list)
        routes.post("settings", "webhooks", use: create)
        routes.get("settings", "webhooks", ":id", use: show)
        routes.post("settings", "webhooks", ":id", use: save)
        routes.post("settings", "webhooks", ":id", "ping", use: ping)
        routes.post("settings", "webhooks", ":id", "secret", use: rotate)
        routes.post("settings", "webhooks", ":id", "delete", use: delete)
        routes.post("settings", "webhooks", ":id", "deliveries", ":delivery", "retry", use: retry)
    }

    func list(req: Request) async throws -> Response {
        try await listPage(req, draft: Form(), error: nil, status: .ok)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let created = try await req.webhooks.create(Self.request(form), by: try req.principal())
            return try await detailPage(
                req, created, secret: created.secret,
                notice: "Subscription saved. Copy the secret now: it is not shown again.", status: .created)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500, problem.status != .notFound else { throw error }
            return try await listPage(req, draft: form, error: problem, status: problem.status)
        }
    }

    func show(req: Request) async throws -> Response {
        let subscription = try await req.webhooks.get(try req.idParameter("id", "webhook"), for: try req.principal())
        return try await detailPage(req, subscription, status: .ok)
    }

    func save(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await action(req) { id, principal in
            var body = Self.request(form)
            body.active = form.active == "on"
            body.events = form.events ?? []
            _ = try await req.webhooks.update(
                id, Decoded(body: body, present: ["url", "description", "events", "active"]), by: principal)
            return ("Saved.", nil)
        }
    }

    func ping(req: Request) async throws -> Response {
        try await action(req) { id, principal in
            _ = try await req.webhooks.ping(id, by: principal)
            return ("Test delivery queued; it appears in the log below once sent (reload in a few seconds).", nil)
        }
    }

    func rotate(req: Request) async throws -> Response {
        try await action(req) { id, principal in
            let rotated = try await req.webhooks.rotate(id, by: principal)
            return ("New secret made. Copy it now: it is not shown again.", rotated.secret)
        }
    }

    func delete(req: Request) async throws -> Response {
        try await req.webhooks.delete(try req.idParameter("id", "webhook"), by: try req.principal())
        return req.redirect(to: "/settings/webhooks")
    }

    func retry(req: Request) async throws -> Response {
        try await action(req) { _, principal in
            _ = try await req.messages.retry(try req.idParameter("delivery", "delivery"), by: principal)
            return ("Delivery queued again.", nil)
        }
    }

    /// Runs a change of one subscription and shows its page with what came of it.
    private func action(_ req: Request, _ change: (UUID, Principal) async throws -> (String, String?)) async throws
        -> Response
    {
        let id = try req.idParameter("id", "webhook")
        let principal = try req.principal()
        do {
            let (notice, secret) = try await change(id, principal)
            return try await detailPage(
                req, try await req.webhooks.get(id, for: principal), secret: secret, notice: notice, status: .ok)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500, problem.status != .notFound else { throw error }
            return try await detailPage(
                req, try await req.webhooks.get(id, for: principal), error: problem, status: problem.status)
        }
    }

    private static func request(_ form: Form) -> WebhookRequest {
        WebhookRequest(url: form.url, events: form.events, description: form.description, active: nil, secret: nil)
    }

    private static func kinds(checked: Set<String>) -> [KindOption] {
        [KindOption(value: WebhookSubscription.allKinds, label: "Every event", checked: checked.contains("*"))]
            + EventKind.allCases.map {
                KindOption(value: $0.rawValue, label: "\($0.title) (\($0.rawValue))", checked: checked.contains($0.rawValue))
            }
    }

    private func listPage(_ req: Request, draft: Form, error: Problem?, status: HTTPStatus) async throws -> Response {
        let subscriptions = try await req.webhooks.list(for: try req.principal())
        let lines = subscriptions.map {
            ListPage.Line(
                id: $0.id.uuidString, url: $0.url, description: $0.description, events: $0.events.joined(separator: ", "),
                active: $0.active, last: $0.lastAttempt.map(Self.answer) ?? "no delivery yet")
        }
        return try await req.renderPage(
            "settings/webhooks",
            ListPage(
                layout: LayoutContext(req, title: "Webhooks"), lines: lines,
                kinds: Self.kinds(checked: Set(draft.events ?? [])), draft: draft, error: error.map(ErrorBox.init)),
            status: status)
    }

    private func detailPage(
        _ req: Request, _ subscription: WebhookResponse, secret: String? = nil, notice: String? = nil, error: Problem? = nil,
        status: HTTPStatus
    ) async throws -> Response {
        let attempts = try await req.webhooks.deliveries(subscription.id, for: try req.principal())
        // Only the newest attempt of a failed delivery offers "send again".
        var offered = Set<UUID>()
        let lines = attempts.map { attempt in
            let canRetry = attempt.state == "failed" && offered.insert(attempt.delivery).inserted
            return DetailPage.Attempt(
                delivery: attempt.delivery.uuidString, event: attempt.event, attempt: attempt.attempt,
                at: WebFormat.time(attempt.at), answer: Self.answer(attempt),
                ok: attempt.statusCode.map { (200..<300).contains($0) } ?? false, state: attempt.state ?? "", canRetry: canRetry)
        }
        return try await req.renderPage(
            "settings/webhook",
            DetailPage(
                layout: LayoutContext(req, title: "Webhook"), id: subscription.id.uuidString, url: subscription.url,
                description: subscription.description, active: subscription.active,
                kinds: Self.kinds(checked: Set(subscription.events)),
                created: "\(WebFormat.time(subscription.createdAt)) by \(subscription.createdBy)", secret: secret,
                notice: notice, attempts: lines, error: error.map(ErrorBox.init)),
            status: status)
    }

    private static func answer(_ attempt: WebhookAttemptResponse) -> String {
        let code = attempt.statusCode.map { "HTTP \($0)" } ?? (attempt.error ?? "no answer")
        let body = attempt.response.flatMap { $0.isEmpty ? nil : ": \($0.prefix(120))" } ?? ""
        return "\(WebFormat.time(attempt.at)) · \(code)\(attempt.statusCode == nil ? "" : body) · \(attempt.durationMs) ms"
    }
}
