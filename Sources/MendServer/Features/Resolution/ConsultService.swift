import Fluent
import Foundation
import MendCore

/// 04c.05: consults with an SME or SME group: the question, its response target, the answer as a
/// backstage note, and the outcome (advice, takeover, declined).
struct ConsultService {
    let db: any Database
    let services: MendServices

    func consults(_ reference: String, for principal: Principal) async throws -> [ConsultResponse] {
        try principal.requireStaff("ticket")
        return try await consults(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func consults(of ticket: TicketModel) async throws -> [ConsultResponse] {
        let now = services.clock.now()
        return try await SmeConsultModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
            .map { Self.response($0, number: ResolutionSupport.number(ticket), now: now) }
    }

    /// Asks a person or an SME group; they are notified and the ticket is With SME.
    func ask(_ reference: String, _ request: ConsultRequest, by principal: Principal) async throws -> ConsultResponse {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let now = services.clock.now()
        let consult = try SmeConsult(
            question: request.question, urgency: request.urgency, toPerson: request.toUserID != nil,
            toGroup: request.toQueueID != nil, now: now)
        let (toName, recipients) = try await addressees(request)
        let row = SmeConsultModel()
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ResolutionSupport.requireOpen(ticket, "An SME consult")
            row.id = UUID()
            row.ticketID = ticket.id!
            row.toUserID = request.toUserID
            row.toQueueID = request.toQueueID
            row.toName = toName
            row.question = consult.question
            row.urgency = consult.urgency.rawValue
            row.respondBy = consult.respondBy
            row.askedBy = principal.name
            row.createdAt = now
            try await row.create(on: tx)
            events.record(
                .smeConsulted, summary: "\(principal.name) asked \(toName) (\(consult.urgency.rawValue)): \(consult.question)",
                after: ["to": toName, "urgency": consult.urgency.rawValue, "respondBy": UTCText.format(consult.respondBy)])
            try ResolutionSupport.enter(ticket, waiting: .withSME, detail: "consulting \(toName)", events: &events)
            try await Notifier(db: tx, services: services).send(
                to: recipients.filter { $0.id != principal.userID }, ticket: ticket, kind: "sme_consult",
                title: "\(Notifier.label(ticket)): \(principal.name) asks for your expertise",
                body: consult.question + " (answer by \(WebFormat.time(consult.respondBy)))",
                urgent: consult.urgency == .urgent, now: now)
        }
        return Self.response(row, number: ResolutionSupport.number(ticket), now: now)
    }

    /// The person, or the SME group and the SMEs who watch it.
    private func addressees(_ request: ConsultRequest) async throws -> (String, [UserModel]) {
        if let id = request.toUserID {
            guard let user = try await UserModel.find(id, on: db), user.active, user.companyID == nil else {
                throw Problem.invalid("toUserID", "is not an active staff member")
            }
            return (user.name, [user])
        }
        guard let id = request.toQueueID, let queue = try await QueueModel.find(id, on: db) else {
            throw Problem.invalid("toQueueID", "is not a queue")
        }
        return (queue.name, try await Notifier(db: db, services: services).staff(roles: ["sme"]))
    }

    /// Records the SME's answer: a backstage note, the outcome, and on a takeover the ticket is the SME's.
    func answer(_ reference: String, consult id: UUID, _ request: ConsultAnswerRequest, by principal: Principal)
        async throws -> ConsultResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        try SmeConsult.checkAnswer(request.answer, outcome: request.outcome)
        let outcome = try request.outcome.required("outcome")
        let now = services.clock.now()
        let box = Box<SmeConsultModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let row = try await SmeConsultModel.find(id, on: tx), row.ticketID == ticket.id else {
                throw Problem.notFound("consult")
            }
            if row.answeredAt != nil {
                throw Problem(.conflict, "consult-answered", "Consult already answered", detail: "This consult has its answer.")
            }
            try ResolutionSupport.requireOpen(ticket, "An SME answer")
            row.answer = request.answer.nonEmpty
            row.outcome = outcome.rawValue
            row.answeredBy = principal.name
            row.answeredAt = now
            try await row.update(on: tx)
            let body = "SME \(outcome.title.lowercased()) (\(principal.name)):\n" + (row.answer ?? "(no answer given)")
            try await TicketNotes.add(
                body, visibility: .backstage, to: ticket, by: principal, into: NoteModel(), on: tx, events: &events)
            events.record(
                .smeAnswered, summary: "\(principal.name): \(outcome.title)", after: ["outcome": outcome.rawValue])
            if outcome == .smeTookOver {
                if let queue = row.toQueueID { ticket.queueID = queue }
                try TicketAssignment.apply(ticket, to: principal.userID, name: principal.name, events: &events)
            }
            let open = try await SmeConsultModel.query(on: tx).filter(\.$ticketID == ticket.id!)
                .filter(\.$answeredAt == nil).count()
            if open == 0 {
                try ResolutionSupport.leave(ticket, waiting: .withSME, detail: "SME answered", events: &events)
            }
            box.value = row
        }
        return try Self.response(box.value.guaranteed("the record written"), number: ResolutionSupport.number(ticket), now: now)
    }

    static func response(_ row: SmeConsultModel, number: String, now: Date) -> ConsultResponse {
        ConsultResponse(
            id: row.id!, ticket: number, toUserID: row.toUserID, toQueueID: row.toQueueID, toName: row.toName,
            question: row.question, urgency: row.urgency, respondBy: row.respondBy,
            overdue: SmeConsult.isOverdue(respondBy: row.respondBy, answered: row.answeredAt != nil, now: now),
            askedBy: row.askedBy, createdAt: row.createdAt, answer: row.answer, outcome: row.outcome,
            answeredBy: row.answeredBy, answeredAt: row.answeredAt)
    }
}
