import Fluent
import MendCore
import Vapor

/// Staff pages of client messages: the ticket's status-update form, the outbox, the template editor.
struct MessageWebController: RouteCollection {
    struct UpdateForm: Content { var body: String? }
    struct TemplateForm: Content {
        var action: String?
        var subject: String?
        var text: String?
        var html: String?
        var ticket: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("tickets", ":number", "updates", use: sendUpdate)
        routes.post("tickets", ":number", "confirmation", use: confirm)
        routes.post("tickets", ":number", "survey", use: answerSurvey)
        routes.get("outbox", use: outbox)
        routes.post("outbox", ":id", "retry", use: retry)
        routes.get("mail", "inbound", use: inbound)
        routes.post("mail", "inbound", ":id", "accept", use: accept)
        routes.post("mail", "inbound", ":id", "discard", use: discard)
        routes.get("settings", "templates", use: templates)
        routes.get("settings", "templates", ":kind", use: template)
        routes.post("settings", "templates", ":kind", use: templateAction)
    }

    func sendUpdate(req: Request) async throws -> Response {
        let form = try req.content.decode(UpdateForm.self)
        return try await TicketWebController().act(req) { number, principal in
            _ = try await req.messages.sendUpdate(number, StatusUpdateRequest(body: form.body), by: principal)
        }
    }

    struct ConfirmForm: Content {
        var works: String?
        var note: String?
    }

    /// The client's "it works" / "still broken" buttons.
    func confirm(req: Request) async throws -> Response {
        let form = try req.content.decode(ConfirmForm.self)
        return try await TicketWebController().act(req) { number, principal in
            _ = try await ClientConfirmation(db: req.db, services: req.mend).record(
                number, ConfirmationRequest(works: form.works.map { $0 == "yes" }, note: form.note), by: principal)
        }
    }

    struct SurveyForm: Content {
        var rating: String?
        var comment: String?
    }

    /// The client's survey answer from the portal's ticket page.
    func answerSurvey(req: Request) async throws -> Response {
        let form = try req.content.decode(SurveyForm.self)
        return try await TicketWebController().act(req) { number, principal in
            guard let rating = form.rating.nonEmpty.flatMap({ Int($0) }) else {
                throw Problem.invalid("rating", "is required: pick 1 to 5")
            }
            _ = try await req.surveys.answer(ticket: number, rating: rating, comment: form.comment, by: principal)
        }
    }

    func outbox(req: Request) async throws -> View {
        let principal = try req.principal()
        let state = (try? req.query.get(String.self, at: "state")).flatMap { $0.isEmpty ? nil : $0 }
        let items = try await req.messages.outbox(state: state, for: principal)
        return try await req.view.render(
            "messages/outbox",
            OutboxPage(
                layout: LayoutContext(req, title: "Outbox"), lines: items.map(MessageLine.init),
                states: [("", "All"), ("pending", "Pending"), ("failed", "Failed"), ("sent", "Sent")].map {
                    Option(value: $0.0, label: $0.1, selected: $0.0 == (state ?? ""))
                }, smtpConfigured: req.mend.config.smtp != nil))
    }

    func retry(req: Request) async throws -> Response {
        _ = try await req.messages.retry(try req.idParameter("id", "message"), by: try req.principal())
        return req.redirect(to: "/outbox?state=pending")
    }

    struct AcceptForm: Content {
        var companyID: String?
        var name: String?
    }

    /// Received mail, quarantine first: what staff must decide on.
    func inbound(req: Request) async throws -> View {
        let principal = try req.principal()
        let service = QuarantineService(db: req.db, services: req.mend)
        let held = try await service.list(state: "quarantined", for: principal)
        let recent = try await service.list(state: nil, for: principal).filter { $0.state != "quarantined" }
        let companies = try await CompanyModel.query(on: req.db).sort(\.$name).all()
        return try await req.view.render(
            "messages/inbound",
            InboundPage(
                layout: LayoutContext(req, title: "Inbound mail"), held: held.map(InboundPage.Line.init),
                recent: recent.prefix(50).map(InboundPage.Line.init),
                companies: companies.map { Option(value: $0.id!.uuidString, label: $0.name, selected: false) },
                refusal: req.takeRefusal(for: "/mail/inbound")?.view))
    }

    func accept(req: Request) async throws -> Response {
        let form = try req.content.decode(AcceptForm.self)
        return try await inboundAction(req) { id, principal in
            _ = try await QuarantineService(db: req.db, services: req.mend).accept(
                id, companyID: form.companyID.nonEmpty.flatMap(UUID.init(uuidString:)), name: form.name, by: principal)
        }
    }

    func discard(req: Request) async throws -> Response {
        try await inboundAction(req) { id, principal in
            _ = try await QuarantineService(db: req.db, services: req.mend).discard(id, by: principal)
        }
    }

    private func inboundAction(_ req: Request, _ action: (UUID, Principal) async throws -> Void) async throws -> Response {
        let principal = try req.principal()
        let id = try req.idParameter("id", "message")
        return try await req.runForm(backTo: "/mail/inbound") { try await action(id, principal) }
    }

    func templates(req: Request) async throws -> Response {
        _ = try req.principal()
        return req.redirect(to: "/settings/templates/\(MessageTemplate.Kind.acknowledged.rawValue)")
    }

    func template(req: Request) async throws -> View {
        try await req.view.render("messages/templates", try await page(req, draft: nil, preview: nil, error: nil))
    }

    /// Preview, save or reset, from the same form; a refusal keeps what was typed.
    func templateAction(req: Request) async throws -> Response {
        let principal = try req.principal()
        let kind = req.parameters.get("kind") ?? ""
        let form = try req.content.decode(TemplateForm.self)
        let draft = TemplateRequest(subject: form.subject, text: form.text, html: form.html, ticket: form.ticket.nonEmpty)
        do {
            switch form.action {
            case "save":
                _ = try await req.templates.save(
                    kind, TemplateRequest(subject: form.subject, text: form.text, html: form.html), by: principal)
                return try await req.view.render(
                    "messages/templates", try await page(req, draft: nil, preview: nil, error: nil, notice: "Saved.")
                )
                .encodeResponse(for: req)
            case "reset":
                _ = try await req.templates.reset(kind, by: principal)
                return try await req.view.render(
                    "messages/templates",
                    try await page(req, draft: nil, preview: nil, error: nil, notice: "Back to the shipped template.")
                ).encodeResponse(for: req)
            default:
                let preview = try await req.templates.preview(kind, draft, for: principal)
                return try await req.view.render(
                    "messages/templates", try await page(req, draft: draft, preview: preview, error: nil)
                )
                .encodeResponse(for: req)
            }
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500, problem.status != .notFound || form.ticket.nonEmpty != nil else { throw error }
            return try await req.renderPage(
                "messages/templates", try await page(req, draft: draft, preview: nil, error: problem), status: problem.status)
        }
    }

    private func page(
        _ req: Request, draft: TemplateRequest?, preview: PreviewResponse?, error: Problem?, notice: String? = nil
    ) async throws -> TemplatesPage {
        let principal = try req.principal()
        let kind = req.parameters.get("kind") ?? ""
        var template = try await req.templates.template(kind, for: principal)
        if let draft {
            template.subject = draft.subject ?? template.subject
            template.text = draft.text ?? template.text
            template.html = draft.html ?? template.html
        }
        return TemplatesPage(
            layout: LayoutContext(req, title: "Message templates"),
            kinds: MessageTemplate.Kind.allCases.map {
                Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == kind)
            },
            template: template, fields: template.fields.map { "{{\($0)}}" }.joined(separator: " "), preview: preview,
            error: error.map(ErrorBox.init), ticket: draft?.ticket ?? "", canEdit: principal.can(.contractsEdit),
            notice: notice)
    }
}
