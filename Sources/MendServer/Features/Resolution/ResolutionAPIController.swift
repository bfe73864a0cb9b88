import Fluent
import MendCore
import Vapor

/// /api/v1/tickets/{number}/…: the records of the resolution paths on one ticket, and reopen.
struct ResolutionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ticket = routes.grouped("tickets", ":number")
        ticket.get("diagnosis", use: diagnosis)
        ticket.post("diagnosis", use: addStep)
        ticket.put("checklist", use: tick)
        ticket.get("parts", use: parts)
        ticket.post("parts", use: requestPart)
        ticket.patch("parts", ":partID", use: updatePart)
        ticket.get("visits", use: visits)
        ticket.post("visits", use: book)
        ticket.patch("visits", ":visitID", use: moveVisit)
        for step in [DispatchService.Step.checkIn, .checkOut, .cancel] {
            ticket.post("visits", ":visitID", .constant(step.rawValue)) { req in try await visitStep(req, step) }
        }
        ticket.get("consults", use: consults)
        ticket.post("consults", use: ask)
        ticket.post("consults", ":consultID", "answer", use: answer)
        ticket.get("vendor-cases", use: vendorCases)
        ticket.post("vendor-cases", use: openCase)
        ticket.patch("vendor-cases", ":caseID", use: updateCase)
        ticket.get("exits", use: exits)
        ticket.post("third-party", use: thirdParty)
        ticket.post("third-party", "resolved", use: partyResolved)
        ticket.post("client-it", use: clientIT)
        ticket.post("reopen", use: reopen)
    }

    private func number(_ req: Request) -> String { req.parameters.get("number") ?? "" }

    private func id(_ req: Request, _ name: String, _ what: String) throws -> UUID {
        try req.idParameter(name, what)
    }

    private func created<T: Content>(_ body: T, _ req: Request) async throws -> Response {
        try await body.encodeResponse(status: .created, for: req)
    }

    func diagnosis(req: Request) async throws -> DiagnosisResponse {
        try await req.diagnosis.diagnosis(number(req), for: try req.principal())
    }

    func addStep(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(DiagnosisStepRequest.self, from: req)
        return try await created(try await req.diagnosis.addStep(number(req), input.body, by: try req.principal()), req)
    }

    func tick(req: Request) async throws -> TicketChecklistResponse {
        let input = try StrictJSON.decode(ChecklistTicksRequest.self, from: req)
        return try await req.diagnosis.tick(number(req), input.body, by: try req.principal())
    }

    func parts(req: Request) async throws -> ListResponse<PartResponse> {
        ListResponse(items: try await req.parts.parts(number(req), for: try req.principal()))
    }

    func requestPart(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(PartCreateRequest.self, from: req)
        return try await created(try await req.parts.request(number(req), input.body, by: try req.principal()), req)
    }

    func updatePart(req: Request) async throws -> PartResponse {
        let input = try StrictJSON.decode(PartUpdateRequest.self, from: req)
        return try await req.parts.update(number(req), part: try id(req, "partID", "part"), input.body, by: try req.principal())
    }

    func visits(req: Request) async throws -> ListResponse<AppointmentResponse> {
        ListResponse(items: try await req.dispatch.visits(number(req), for: try req.principal()))
    }

    func book(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(AppointmentRequest.self, from: req)
        return try await created(try await req.dispatch.book(number(req), input.body, by: try req.principal()), req)
    }

    func moveVisit(req: Request) async throws -> AppointmentResponse {
        let input = try StrictJSON.decode(AppointmentMoveRequest.self, from: req)
        return try await req.dispatch.move(
            number(req), visit: try id(req, "visitID", "visit"), input.body, by: try req.principal())
    }

    func visitStep(_ req: Request, _ step: DispatchService.Step) async throws -> AppointmentResponse {
        // The body is optional: a check-in without travel sends none.
        let body: VisitRequest? =
            (req.body.data?.readableBytes ?? 0) > 0 ? try StrictJSON.decode(VisitRequest.self, from: req).body : nil
        return try await req.dispatch.step(
            step, number(req), visit: try id(req, "visitID", "visit"), travelMinutes: body?.travelMinutes,
            reason: body?.reason, by: try req.principal())
    }

    func consults(req: Request) async throws -> ListResponse<ConsultResponse> {
        ListResponse(items: try await req.consults.consults(number(req), for: try req.principal()))
    }

    func ask(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ConsultRequest.self, from: req)
        return try await created(try await req.consults.ask(number(req), input.body, by: try req.principal()), req)
    }

    func answer(req: Request) async throws -> ConsultResponse {
        let input = try StrictJSON.decode(ConsultAnswerRequest.self, from: req)
        return try await req.consults.answer(
            number(req), consult: try id(req, "consultID", "consult"), input.body, by: try req.principal())
    }

    func vendorCases(req: Request) async throws -> ListResponse<VendorCaseResponse> {
        ListResponse(items: try await req.vendors.cases(number(req), for: try req.principal()))
    }

    func openCase(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(VendorCaseRequest.self, from: req)
        return try await created(try await req.vendors.open(number(req), input.body, by: try req.principal()), req)
    }

    func updateCase(req: Request) async throws -> VendorCaseResponse {
        let input = try StrictJSON.decode(VendorCaseUpdateRequest.self, from: req)
        return try await req.vendors.update(
            number(req), case: try id(req, "caseID", "vendor case"), input.body, by: try req.principal())
    }

    func exits(req: Request) async throws -> ListResponse<TicketExitResponse> {
        ListResponse(items: try await req.exits.exits(number(req), for: try req.principal()))
    }

    func thirdParty(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ThirdPartyRequest.self, from: req)
        return try await exitResponse(try await req.exits.escalate(number(req), input.body, by: try req.principal()), req)
    }

    func clientIT(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ClientITRequest.self, from: req)
        return try await exitResponse(try await req.exits.handOff(number(req), input.body, by: try req.principal()), req)
    }

    func partyResolved(req: Request) async throws -> TicketExitResponse {
        let input = try StrictJSON.decode(PartyResolvedRequest.self, from: req)
        return try await req.exits.partyResolved(number(req), input.body, by: try req.principal())
    }

    func reopen(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ReopenRequest.self, from: req)
        let outcome = try await TicketReopen(db: req.db, services: req.mend).reopen(
            number(req), input.body, by: try req.principal())
        let body = ReopenResponse(
            outcome: outcome.decision == .reopen ? "reopened" : "linked_ticket",
            ticket: try await req.tickets.loader.response(outcome.ticket), linkedFrom: outcome.linkedFrom)
        return try await body.encodeResponse(status: outcome.decision == .reopen ? .ok : .created, for: req)
    }

    private func exitResponse(_ outcome: ExitService.Outcome, _ req: Request) async throws -> Response {
        let body = ExitOutcomeResponse(
            exit: ExitService.response(outcome.exit, number: TicketNumber.format(outcome.ticket.number)),
            status: outcome.ticket.status, left: outcome.unmet.isEmpty,
            unmetGates: outcome.unmet.map { GateResponse(gate: $0, detail: $0.explanation) })
        return try await created(body, req)
    }
}

extension Request {
    var diagnosis: DiagnosisService { DiagnosisService(db: db, services: application.mend) }
    var parts: PartsService { PartsService(db: db, services: application.mend) }
    var dispatch: DispatchService { DispatchService(db: db, services: application.mend) }
    var consults: ConsultService { ConsultService(db: db, services: application.mend) }
    var vendors: VendorService { VendorService(db: db, services: application.mend) }
    var exits: ExitService { ExitService(db: db, services: application.mend) }
}
