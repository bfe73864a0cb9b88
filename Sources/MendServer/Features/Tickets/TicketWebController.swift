import Fluent
import MendCore
import Vapor

/// The staff web UI for tickets: queue view, ticket page and its forms (post, then redirect).
struct TicketWebController: RouteCollection {
    struct NewTicketForm: Content {
        var summary: String?
        var description: String?
        var type: String?
        var companyID: String?
        var contactID: String?
        var queueID: String?
        var assigneeID: String?
        var impact: String?
        var urgency: String?
        var source: String?
        var tier1Reference: String?
        var tier1Steps: String?
        var tier1Findings: String?
        var tier1Attachments: String?

        init(fields: [String: String]) {
            summary = fields["summary"]
            description = fields["description"]
            type = fields["type"]
            companyID = fields["companyID"]
            contactID = fields["contactID"]
            queueID = fields["queueID"]
            assigneeID = fields["assigneeID"]
            impact = fields["impact"]
            urgency = fields["urgency"]
            source = fields["source"]
            tier1Reference = fields["tier1Reference"]
            tier1Steps = fields["tier1Steps"]
            tier1Findings = fields["tier1Findings"]
            tier1Attachments = fields["tier1Attachments"]
        }

        /// Tier 1's handoff when any of its fields is filled: steps and links one per line.
        var tier1: Tier1Body? {
            func lines(_ text: String?) -> [String] {
                (text ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
            }
            let steps = lines(tier1Steps)
            let links = lines(tier1Attachments)
            guard tier1Reference.nonEmpty != nil || !steps.isEmpty || tier1Findings.nonEmpty != nil || !links.isEmpty
            else { return nil }
            return Tier1Body(
                reference: tier1Reference.nonEmpty, stepsTried: steps, findings: tier1Findings.nonEmpty, attachments: links)
        }
    }

    struct AssignForm: Content { var assigneeID: String? }
    struct TransitionForm: Content {
        var to: String?
        var reason: String?
        var resolutionNote: String?
        var exitParty: String?
        var exitReference: String?
    }
    struct NoteForm: Content {
        var body: String?
        var visibility: String?
        var call: String?
    }
    struct TimeForm: Content {
        var minutes: String?
        var workType: String?
        var note: String?
        var billable: String?
    }
    struct RestorationForm: Content {
        var test: String?
        var result: String?
    }
    struct VerificationForm: Content {
        var channel: String?
        var outcome: String?
        var note: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: "/tickets") }
        routes.get("tickets", use: queue)
        routes.get("tickets", "new", use: newTicket)
        routes.post("tickets", use: create)
        routes.get("tickets", ":number", use: show)
        routes.post("tickets", ":number", "assign", use: assign)
        routes.post("tickets", ":number", "transition", use: transition)
        routes.post("tickets", ":number", "notes", use: addNote)
        routes.post("tickets", ":number", "time", use: logTime)
        routes.post("tickets", ":number", "restoration", use: restoration)
        routes.post("tickets", ":number", "verifications", use: verify)
        routes.post("queues", ":queueID", "pull", use: pull)
    }

    func queue(req: Request) async throws -> View {
        if try req.principal().isClient {
            return try await req.view.render("portal/tickets", try await PortalPageQueries(req: req).queue())
        }
        let params = try TicketQueryParameters.parse(req)
        return try await req.view.render(
            "tickets/queue", try await TicketPageQueries(req: req).queue(params, rawQuery: req.url.query ?? ""))
    }

    func newTicket(req: Request) async throws -> View {
        _ = try req.principal()
        let refusal = req.takeRefusal(for: "/tickets/new")
        let form = refusal.map { NewTicketForm(fields: $0.fields) }
        return try await req.view.render(
            "tickets/new", try await TicketPageQueries(req: req).newTicket(refusal: refusal, form: form))
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode(NewTicketForm.self)
        do {
            let request = CreateTicketRequest(
                summary: form.summary ?? "", description: form.description.nonEmpty, type: form.type.nonEmpty, subtype: nil,
                impact: try enumField(form.impact, "impact"), urgency: try enumField(form.urgency, "urgency"),
                source: try enumField(form.source, "source"), companyID: try idField(form.companyID, "companyID"),
                contactID: try idField(form.contactID, "contactID"), siteID: nil, queueID: try idField(form.queueID, "queueID"),
                assigneeID: try idField(form.assigneeID, "assigneeID"), configurationItem: nil, tier1: form.tier1)
            let ticket = try await req.tickets.create(request, by: principal)
            return req.redirect(to: "/tickets/\(TicketNumber.format(ticket.number))")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500 else { throw error }
            return req.refuse(problem, backTo: "/tickets/new")
        }
    }

    func show(req: Request) async throws -> View {
        let number = try req.parameters.require("number")
        let refusal = req.takeRefusal(for: "/tickets/\(number)")
        if try req.principal().isClient {
            return try await req.view.render(
                "portal/ticket", try await PortalPageQueries(req: req).ticket(number, refusal: refusal))
        }
        return try await req.view.render("tickets/show", try await TicketPageQueries(req: req).ticket(number, refusal: refusal))
    }

    func assign(req: Request) async throws -> Response {
        let form = try req.content.decode(AssignForm.self)
        return try await act(req) { number, principal in
            let id = try idField(form.assigneeID, "assigneeID")
            let body = UpdateTicketRequest(assigneeID: id)
            _ = try await req.tickets.update(number, Decoded(body: body, present: ["assigneeID"]), ifMatch: nil, by: principal)
        }
    }

    func transition(req: Request) async throws -> Response {
        let form = try req.content.decode(TransitionForm.self)
        return try await act(req) { number, principal in
            guard let text = form.to.nonEmpty else { throw Problem.invalid("to", "is required") }
            guard let to = TicketStatus(known: text) else { throw Problem.invalid("to", "has an invalid value") }
            let request = TransitionTicketRequest(
                to: to, reason: form.reason.nonEmpty, resolutionNote: form.resolutionNote.nonEmpty,
                exitParty: form.exitParty.nonEmpty, exitReference: form.exitReference.nonEmpty)
            _ = try await req.tickets.transition(number, request, ifMatch: nil, by: principal)
        }
    }

    func addNote(req: Request) async throws -> Response {
        let form = try req.content.decode(NoteForm.self)
        return try await act(req) { number, principal in
            let visibility: Visibility = try enumField(form.visibility, "visibility") ?? .backstage
            let call: ContactChannel? = try enumField(form.call, "call")
            _ = try await req.tickets.addNote(
                number, CreateNoteRequest(body: form.body ?? "", visibility: visibility, call: call), by: principal)
        }
    }

    func logTime(req: Request) async throws -> Response {
        let form = try req.content.decode(TimeForm.self)
        return try await act(req) { number, principal in
            guard let minutes = form.minutes.nonEmpty.flatMap({ Int($0) }) else {
                throw Problem.invalid("minutes", "must be a whole number of minutes")
            }
            guard let workType: WorkType = try enumField(form.workType, "workType") else {
                throw Problem.invalid("workType", "is required")
            }
            let request = CreateTimeEntryRequest(
                minutes: minutes, workType: workType, startedAt: nil, billable: form.billable != nil, note: form.note.nonEmpty)
            _ = try await req.tickets.logTime(number, request, by: principal)
        }
    }

    func restoration(req: Request) async throws -> Response {
        let form = try req.content.decode(RestorationForm.self)
        return try await act(req) { number, principal in
            guard let result: TestResult = try enumField(form.result, "result") else {
                throw Problem.invalid("result", "is required")
            }
            _ = try await req.tickets.recordRestoration(
                number, RestorationRequest(test: form.test ?? "", result: result), by: principal)
        }
    }

    func verify(req: Request) async throws -> Response {
        let form = try req.content.decode(VerificationForm.self)
        return try await act(req) { number, principal in
            guard let channel: ContactChannel = try enumField(form.channel, "channel") else {
                throw Problem.invalid("channel", "is required")
            }
            guard let outcome: VerificationOutcome = try enumField(form.outcome, "outcome") else {
                throw Problem.invalid("outcome", "is required")
            }
            let request = VerificationRequest(channel: channel, outcome: outcome, note: form.note.nonEmpty)
            _ = try await req.tickets.recordVerification(number, request, by: principal)
        }
    }

    /// The queue page's Pull next button.
    func pull(req: Request) async throws -> Response {
        let principal = try req.principal()
        let queue = req.parameters.get("queueID").flatMap(UUID.init(uuidString:))
        guard let ticket = try await QueuePull(db: req.db, services: req.mend).next(queueID: queue, by: principal) else {
            return req.redirect(to: "/tickets?queue=\(queue?.uuidString ?? "")&empty=1")
        }
        return req.redirect(to: "/tickets/\(TicketNumber.format(ticket.number))")
    }

    /// Runs a ticket action and goes back to the ticket; a refusal goes back with the reason and what was typed.
    func act(_ req: Request, _ action: (String, Principal) async throws -> Void) async throws -> Response {
        let number = try req.parameters.require("number")
        let principal = try req.principal()
        _ = try await req.tickets.loader.find(number, for: principal)
        do {
            try await action(number, principal)
            return req.redirect(to: "/tickets/\(number)")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500, problem.status != .notFound else { throw error }
            return req.refuse(problem, backTo: "/tickets/\(number)")
        }
    }

    private func enumField<T: RawRepresentable<String>>(_ value: String?, _ field: String) throws -> T? {
        guard let value = value.nonEmpty else { return nil }
        guard let parsed = T(rawValue: value) else { throw Problem.invalid(field, "has an invalid value") }
        return parsed
    }

    private func idField(_ value: String?, _ field: String) throws -> UUID? {
        guard let value = value.nonEmpty else { return nil }
        guard let id = UUID(uuidString: value) else { throw Problem.invalid(field, "is not a valid id") }
        return id
    }
}

extension Optional where Wrapped == String {
    /// nil for absent or blank form fields.
    var nonEmpty: String? {
        guard let value = self?.trimmed, !value.isEmpty else { return nil }
        return value
    }
}
