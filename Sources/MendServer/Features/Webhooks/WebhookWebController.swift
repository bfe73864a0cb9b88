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
        var refusal: FormRefusal.View?
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
        var refusal: FormRefusal.View?
    }

    /// The session key of a secret made just now, shown on the next page and then gone.
    static let secretKey = "webhook-secret"

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
        let refusal = req.takeRefusal(for: "/settings/webhooks")
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
                kinds: Self.kinds(checked: Self.events(refusal?.fields["events[]"])), refusal: refusal?.view),
            status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/settings/webhooks") {
            let form = try req.content.decode(Form.self)
            let created = try await req.webhooks.create(Self.request(form), by: try req.principal())
            req.session.data[Self.secretKey] = created.secret
            return "/settings/webhooks/\(created.id.uuidString)?done=created"
        }
    }

    func show(req: Request) async throws -> Response {
        let principal = try req.principal()
        let subscription = try await req.webhooks.get(try req.idParameter("id", "webhook"), for: principal)
        let page = "/settings/webhooks/\(subscription.id.uuidString)"
        let refusal = req.takeRefusal(for: page)
        let secret = req.session.data[Self.secretKey]
        req.session.data[Self.secretKey] = nil
        let notice: String? =
            switch try? req.query.get(String.self, at: "done") {
            case "created": "Subscription saved. Copy the secret now: it is not shown again."
            case "saved": "Saved."
            case "pinged": "Test delivery queued; it appears in the log below once sent (reload in a few seconds)."
            case "rotated": "New secret made. Copy it now: it is not shown again."
            case "retried": "Delivery queued again."
            default: nil
            }
        let attempts = try await req.webhooks.deliveries(subscription.id, for: principal)
        // Only the newest attempt of a failed delivery offers "send again".
        var offered = Set<UUID>()
        let lines = attempts.map { attempt in
            let canRetry = attempt.state == "failed" && offered.insert(attempt.delivery).inserted
            return DetailPage.Attempt(
                delivery: attempt.delivery.uuidString, event: attempt.event, attempt: attempt.attempt,
                at: WebFormat.time(attempt.at), answer: Self.answer(attempt),
                ok: attempt.statusCode.map { (200..<300).contains($0) } ?? false, state: attempt.state ?? "", canRetry: canRetry)
        }
        // A refused save shows what was typed, not what is stored.
        let typed = refusal?.form == "edit" ? refusal?.fields : nil
        return try await req.renderPage(
            "settings/webhook",
            DetailPage(
                layout: LayoutContext(req, title: "Webhook"), id: subscription.id.uuidString,
                url: typed?["url"] ?? subscription.url, description: typed?["description"] ?? subscription.description,
                active: typed.map { $0["active"] == "on" } ?? subscription.active,
                kinds: Self.kinds(checked: typed.map { Self.events($0["events[]"]) } ?? Set(subscription.events)),
                created: "\(WebFormat.time(subscription.createdAt)) by \(subscription.createdBy)", secret: secret,
                notice: refusal == nil ? notice : nil, attempts: lines, refusal: refusal?.view),
            status: .ok)
    }

    func save(req: Request) async throws -> Response {
        try await change(req, done: "saved") { id, principal in
            let form = try req.content.decode(Form.self)
            var body = Self.request(form)
            body.active = form.active == "on"
            body.events = form.events ?? []
            _ = try await req.webhooks.update(
                id, Decoded(body: body, present: ["url", "description", "events", "active"]), by: principal)
        }
    }

    func ping(req: Request) async throws -> Response {
        try await change(req, done: "pinged") { id, principal in _ = try await req.webhooks.ping(id, by: principal) }
    }

    func rotate(req: Request) async throws -> Response {
        try await change(req, done: "rotated") { id, principal in
            req.session.data[Self.secretKey] = try await req.webhooks.rotate(id, by: principal).secret
        }
    }

    func delete(req: Request) async throws -> Response {
        try await req.webhooks.delete(try req.idParameter("id", "webhook"), by: try req.principal())
        return req.redirect(to: "/settings/webhooks")
    }

    func retry(req: Request) async throws -> Response {
        try await change(req, done: "retried") { _, principal in
            _ = try await req.messages.retry(try req.idParameter("delivery", "delivery"), by: principal)
        }
    }

    /// Runs a change of one subscription and goes back to its page, which says what came of it.
    private func change(_ req: Request, done: String, _ action: (UUID, Principal) async throws -> Void) async throws
        -> Response
    {
        let id = try req.idParameter("id", "webhook")
        let page = "/settings/webhooks/\(id.uuidString)"
        return try await req.runForm(backTo: page) {
            try await action(id, try req.principal())
            return page + "?done=" + done
        }
    }

    private static func request(_ form: Form) -> WebhookRequest {
        WebhookRequest(url: form.url, events: form.events, description: form.description, active: nil, secret: nil)
    }

    /// The checked event kinds of a refused form, kept one per line.
    private static func events(_ typed: String?) -> Set<String> {
        Set((typed ?? "").split(separator: "\n").map(String.init))
    }

    private static func kinds(checked: Set<String>) -> [KindOption] {
        [KindOption(value: WebhookSubscription.allKinds, label: "Every event", checked: checked.contains("*"))]
            + EventKind.allCases.map {
                KindOption(value: $0.rawValue, label: "\($0.title) (\($0.rawValue))", checked: checked.contains($0.rawValue))
            }
    }

    private static func answer(_ attempt: WebhookAttemptResponse) -> String {
        let code = attempt.statusCode.map { "HTTP \($0)" } ?? (attempt.error ?? "no answer")
        let body = attempt.response.flatMap { $0.isEmpty ? nil : ": \($0.prefix(120))" } ?? ""
        return "\(WebFormat.time(attempt.at)) · \(code)\(attempt.statusCode == nil ? "" : body) · \(attempt.durationMs) ms"
    }
}
