import Fluent
import MendCore
import Vapor

/// The ticket page's resolution-path forms (post, then back to the ticket; a refusal re-renders it with the reason).
struct ResolutionWebController: RouteCollection {
    struct Form: Content {
        var step: String?
        var finding: String?
        var minutes: String?
        var done: [String]?
        var item: String?
        var quantity: String?
        var supplier: String?
        var rmaNumber: String?
        var purchaseOrder: String?
        var carrier: String?
        var trackingNumber: String?
        var eta: String?
        var state: String?
        var engineerID: String?
        var siteID: String?
        var startsAt: String?
        var endsAt: String?
        var note: String?
        var travelMinutes: String?
        var toUserID: String?
        var toQueueID: String?
        var question: String?
        var urgency: String?
        var answer: String?
        var outcome: String?
        var vendorID: String?
        var caseNumber: String?
        var contact: String?
        var severity: String?
        var followUpHours: String?
        var promisedResponseAt: String?
        var party: String?
        var reference: String?
        var escalated: String?
        var resolution: String?
        var receivedBy: String?
        var handedOver: String?
        var reason: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let ticket = routes.grouped("tickets", ":number")
        ticket.post("diagnosis") { req in
            try await act(req) { n, p, f in _ = try await req.diagnosis.addStep(n, try f.diagnosisStep(), by: p) }
        }
        ticket.post("checklist") { req in
            try await act(req) { n, p, f in
                _ = try await req.diagnosis.tick(n, ChecklistTicksRequest(done: try f.ints(f.done, "done")), by: p)
            }
        }
        ticket.post("parts") { req in try await act(req) { n, p, f in _ = try await req.parts.request(n, try f.part(), by: p) } }
        ticket.post("parts", ":partID") { req in
            try await act(req) { n, p, f in
                _ = try await req.parts.update(n, part: try Self.id(req, "partID"), try f.partUpdate(), by: p)
            }
        }
        ticket.post("visits") { req in try await act(req) { n, p, f in _ = try await req.dispatch.book(n, try f.visit(), by: p) }
        }
        for step in [DispatchService.Step.checkIn, .checkOut, .cancel] {
            ticket.post("visits", ":visitID", .constant(step.rawValue)) { req in
                try await act(req) { n, p, f in
                    _ = try await req.dispatch.step(
                        step, n, visit: try Self.id(req, "visitID"), travelMinutes: try f.int(f.travelMinutes, "travelMinutes"),
                        reason: f.reason.nonEmpty, by: p)
                }
            }
        }
        ticket.post("consults") { req in
            try await act(req) { n, p, f in _ = try await req.consults.ask(n, try f.consult(), by: p) }
        }
        ticket.post("consults", ":consultID", "answer") { req in
            try await act(req) { n, p, f in
                _ = try await req.consults.answer(n, consult: try Self.id(req, "consultID"), try f.consultAnswer(), by: p)
            }
        }
        ticket.post("vendor-cases") { req in
            try await act(req) { n, p, f in _ = try await req.vendors.open(n, try f.vendorCase(), by: p) }
        }
        ticket.post("vendor-cases", ":caseID") { req in
            try await act(req) { n, p, f in
                _ = try await req.vendors.update(n, case: try Self.id(req, "caseID"), try f.vendorCaseUpdate(), by: p)
            }
        }
        ticket.post("third-party") { req in
            try await act(req) { n, p, f in _ = try await req.exits.escalate(n, try f.thirdParty(), by: p) }
        }
        ticket.post("third-party", "resolved") { req in
            try await act(req) { n, p, f in
                _ = try await req.exits.partyResolved(n, PartyResolvedRequest(resolution: f.resolution), by: p)
            }
        }
        ticket.post("client-it") { req in
            try await act(req) { n, p, f in
                _ = try await req.exits.handOff(n, ClientITRequest(receivedBy: f.receivedBy, handedOver: f.handedOver), by: p)
            }
        }
        ticket.post("reopen", use: reopen)
    }

    /// A reopen after the window lands on the new linked ticket.
    func reopen(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var target: String?
        let response = try await TicketWebController().act(req) { number, principal in
            let outcome = try await TicketReopen(db: req.db, services: req.mend).reopen(
                number, ReopenRequest(reason: form.reason), by: principal)
            if outcome.decision == .newLinkedTicket { target = TicketNumber.format(outcome.ticket.number) }
        }
        if let target { return req.redirect(to: "/tickets/\(target)") }
        return response
    }

    private func act(_ req: Request, _ action: @escaping (String, Principal, Form) async throws -> Void) async throws
        -> Response
    {
        let form = try req.content.decode(Form.self)
        return try await TicketWebController().act(req) { number, principal in try await action(number, principal, form) }
    }

    static func id(_ req: Request, _ name: String) throws -> UUID {
        try req.idParameter(name, "record")
    }
}

extension ResolutionWebController.Form {
    func int(_ text: String?, _ field: String) throws -> Int? {
        guard let text = text.nonEmpty else { return nil }
        guard let value = Int(text) else { throw Problem.invalid(field, "must be a whole number") }
        return value
    }

    func ints(_ texts: [String]?, _ field: String) throws -> [Int] {
        try (texts ?? []).map { text in
            guard let value = Int(text) else { throw Problem.invalid(field, "must be step numbers") }
            return value
        }
    }

    func uuid(_ text: String?, _ field: String) throws -> UUID? {
        guard let text = text.nonEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw Problem.invalid(field, "is not a valid id") }
        return id
    }

    func choice<T: RawRepresentable<String>>(_ text: String?, _ field: String) throws -> T? {
        guard let text = text.nonEmpty else { return nil }
        guard let value = T(rawValue: text) else { throw Problem.invalid(field, "has an invalid value") }
        return value
    }

    func diagnosisStep() throws -> DiagnosisStepRequest {
        DiagnosisStepRequest(step: step, finding: finding.nonEmpty, minutes: try int(minutes, "minutes"))
    }

    func part() throws -> PartCreateRequest {
        PartCreateRequest(
            item: item, quantity: try int(quantity, "quantity"), supplier: supplier, rmaNumber: rmaNumber,
            purchaseOrder: purchaseOrder, carrier: carrier, trackingNumber: trackingNumber, eta: try FormTime.parse(eta, "eta"))
    }

    func partUpdate() throws -> PartUpdateRequest {
        PartUpdateRequest(
            state: try choice(state, "state"), carrier: carrier, trackingNumber: trackingNumber,
            eta: try FormTime.parse(eta, "eta"), purchaseOrder: purchaseOrder)
    }

    func visit() throws -> AppointmentRequest {
        AppointmentRequest(
            engineerID: try uuid(engineerID, "engineerID"), siteID: try uuid(siteID, "siteID"),
            startsAt: try FormTime.parse(startsAt, "startsAt"), endsAt: try FormTime.parse(endsAt, "endsAt"),
            note: note.nonEmpty)
    }

    func consult() throws -> ConsultRequest {
        ConsultRequest(
            toUserID: try uuid(toUserID, "toUserID"), toQueueID: try uuid(toQueueID, "toQueueID"), question: question,
            urgency: try choice(urgency, "urgency"))
    }

    func consultAnswer() throws -> ConsultAnswerRequest {
        ConsultAnswerRequest(answer: answer.nonEmpty, outcome: try choice(outcome, "outcome"))
    }

    func vendorCase() throws -> VendorCaseRequest {
        VendorCaseRequest(
            vendorID: try uuid(vendorID, "vendorID"), caseNumber: caseNumber, contact: contact.nonEmpty,
            severity: try choice(severity, "severity"),
            promisedResponseAt: try FormTime.parse(promisedResponseAt, "promisedResponseAt"),
            followUpHours: try int(followUpHours, "followUpHours"))
    }

    func vendorCaseUpdate() throws -> VendorCaseUpdateRequest {
        VendorCaseUpdateRequest(
            state: try choice(state, "state"),
            promisedResponseAt: try FormTime.parse(promisedResponseAt, "promisedResponseAt"), note: note.nonEmpty)
    }

    func thirdParty() throws -> ThirdPartyRequest {
        ThirdPartyRequest(
            party: party, reference: reference.nonEmpty, contact: contact.nonEmpty, escalated: escalated,
            followUpHours: try int(followUpHours, "followUpHours"))
    }
}
