import Fluent
import MendCore
import Vapor

/// /api/v1/tickets: thin handlers that decode, call `TicketService` and answer with DTOs.
struct TicketAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tickets = routes.grouped("tickets")
        tickets.get(use: search)
        tickets.post(use: create)
        let ticket = tickets.grouped(":number")
        ticket.get(use: show)
        ticket.patch(use: update)
        ticket.get("transitions", use: transitionOptions)
        ticket.post("transitions", use: transition)
        ticket.get("notes", use: notes)
        ticket.post("notes", use: addNote)
        ticket.get("time-entries", use: timeEntries)
        ticket.post("time-entries", use: logTime)
        ticket.get("events", use: events)
        ticket.post("restoration", use: restoration)
        ticket.get("verifications", use: verifications)
        ticket.post("verifications", use: verify)
    }

    func search(req: Request) async throws -> Response {
        let principal = try req.principal()
        let query = try TicketQueryParameters.parse(req)
        let page = try await req.tickets.search.run(
            query.filter, sort: query.sort, cursor: query.cursor, limit: query.limit, for: principal)
        return TicketPageResponse(items: page.tickets, nextCursor: page.nextCursor)
            .jsonResponse(capacity: 256 + page.tickets.count * 1_536)
    }

    func create(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(CreateTicketRequest.self, from: req)
        // One service for the request: `req.db` looks the database up anew on every call.
        let tickets = req.tickets
        let ticket = try await tickets.create(input.body, by: try req.principal())
        let response = try await ticketResponse(ticket, from: tickets, status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/tickets/\(TicketNumber.format(ticket.number))")
        return response
    }

    func show(req: Request) async throws -> Response {
        try await ticketResponse(try await visibleTicket(req).ticket, req: req)
    }

    func update(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        let input = try StrictJSON.decode(UpdateTicketRequest.self, from: req)
        let ticket = try await req.tickets.update(
            number, input, ifMatch: try IfMatch.version(req), by: principal)
        return try await ticketResponse(ticket, req: req)
    }

    func transitionOptions(req: Request) async throws -> ListResponse<TransitionOption> {
        let (_, principal, ticket) = try await visibleTicket(req)
        try principal.requireStaff("ticket")
        return ListResponse(items: try req.tickets.transitionOptions(of: ticket))
    }

    func transition(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        let input = try StrictJSON.decode(TransitionTicketRequest.self, from: req)
        let ticket = try await req.tickets.transition(
            number, input.body, ifMatch: try IfMatch.version(req), by: principal)
        return try await ticketResponse(ticket, req: req)
    }

    func notes(req: Request) async throws -> ListResponse<NoteResponse> {
        let (_, principal, ticket) = try await visibleTicket(req)
        return ListResponse(items: try await req.tickets.notes(of: ticket, for: principal).map { try $0.response })
    }

    func addNote(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        let input = try StrictJSON.decode(CreateNoteRequest.self, from: req)
        let note = try await req.tickets.addNote(number, input.body, by: principal)
        return try await note.response.encodeResponse(status: .created, for: req)
    }

    func timeEntries(req: Request) async throws -> ListResponse<TimeEntryResponse> {
        let (_, principal, ticket) = try await visibleTicket(req)
        return ListResponse(items: try await req.tickets.timeEntries(of: ticket, for: principal).map { try $0.response })
    }

    func logTime(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        try principal.requireStaff("ticket")
        let input = try StrictJSON.decode(CreateTimeEntryRequest.self, from: req)
        let entry = try await req.tickets.logTime(number, input.body, by: principal)
        return try await entry.response.encodeResponse(status: .created, for: req)
    }

    func events(req: Request) async throws -> ListResponse<EventResponse> {
        let (_, principal, ticket) = try await visibleTicket(req)
        return ListResponse(items: try await req.tickets.events(of: ticket, for: principal).map { try $0.response })
    }

    func restoration(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        try principal.requireStaff("ticket")
        let input = try StrictJSON.decode(RestorationRequest.self, from: req)
        let ticket = try await req.tickets.recordRestoration(number, input.body, by: principal)
        return try await ticketResponse(ticket, req: req)
    }

    func verifications(req: Request) async throws -> ListResponse<VerificationResponse> {
        let (_, principal, ticket) = try await visibleTicket(req)
        return ListResponse(items: try await req.tickets.verifications(of: ticket, for: principal).map { try $0.response })
    }

    func verify(req: Request) async throws -> Response {
        let (number, principal) = try await visibleNumber(req)
        try principal.requireStaff("ticket")
        let input = try StrictJSON.decode(VerificationRequest.self, from: req)
        let attempt = try await req.tickets.recordVerification(number, input.body, by: principal)
        return try await attempt.response.encodeResponse(status: .created, for: req)
    }

    /// The path's ticket, checked visible to the caller before any body is read, so another client's ticket
    /// answers 404 whatever the request carries.
    private func visibleTicket(_ req: Request) async throws -> (number: String, principal: Principal, ticket: TicketModel) {
        let principal = try req.principal()
        let number = req.parameters.get("number") ?? ""
        return (number, principal, try await req.tickets.loader.find(number, for: principal))
    }

    /// The same check for a change, which reads the ticket itself in its transaction: only whether it is visible.
    private func visibleNumber(_ req: Request) async throws -> (number: String, principal: Principal) {
        let principal = try req.principal()
        let number = req.parameters.get("number") ?? ""
        try await req.tickets.loader.requireVisible(number, for: principal)
        return (number, principal)
    }

    private func ticketResponse(_ ticket: TicketModel, req: Request, status: HTTPStatus = .ok) async throws -> Response {
        try await ticketResponse(ticket, from: req.tickets, status: status)
    }

    private func ticketResponse(_ ticket: TicketModel, from tickets: TicketService, status: HTTPStatus = .ok) async throws
        -> Response
    {
        let response = try await tickets.loader.response(ticket).jsonResponse(status: status)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(ticket.version)\"")
        return response
    }
}

/// Reads `If-Match` as a ticket version: `"3"`, `W/"3"`, `3` or `*` (any); the document states the same pattern.
enum IfMatch {
    static func version(_ req: Request) throws -> Int? {
        guard var text = req.headers.first(name: .ifMatch)?.trimmingCharacters(in: CharacterSet(charactersIn: " \t")),
            !text.isEmpty, text != "*"
        else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.hasPrefix("\"") { text.removeFirst() }
        if text.hasSuffix("\"") { text.removeLast() }
        guard (1...18).contains(text.count), text.first != "0", text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let version = Int(text)
        else {
            throw Problem(
                .badRequest, "bad-if-match", "Bad If-Match", detail: "If-Match must be an ETag this server sent, such as \"3\".",
                field: "If-Match")
        }
        return version
    }
}
