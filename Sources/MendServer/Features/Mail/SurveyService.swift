import Fluent
import Foundation
import MendCore
import Vapor

/// The satisfaction survey: created and mailed on resolution, answered once through its link (no sign-in),
/// shown on the ticket and summed up for the KPIs.
struct SurveyService {
    let db: any Database
    let services: MendServices

    /// A new survey for a ticket just resolved, and the survey message with its link.
    func send(for ticket: TicketModel, events: inout EventRecorder) async throws {
        let token = Data.random(count: 24).base64URLEncoded
        let row = SurveyModel()
        row.id = UUID()
        row.ticketID = ticket.id!
        row.tokenHash = TokenService.hash(token)
        row.sentAt = events.at
        row.expiresAt = events.at.addingTimeInterval(Double(Survey.lifetimeSeconds))
        try await row.create(on: db)
        try await ClientMessages(db: db, services: services).queue(
            .survey, for: ticket, extra: ["survey.url": "\(services.config.publicURL)/survey/\(token)"], events: &events)
    }

    /// The survey behind a link, with why it is closed (answered, expired), or 404 for an unknown link.
    func open(_ token: String) async throws -> (SurveyModel, TicketModel, String?) {
        guard let row = try await SurveyModel.query(on: db).filter(\.$tokenHash == TokenService.hash(token)).first(),
            let ticket = try await TicketModel.find(row.ticketID, on: db)
        else { throw Problem.notFound("survey") }
        return (row, ticket, Survey.closedReason(expiresAt: row.expiresAt, answeredAt: row.answeredAt, now: services.clock.now()))
    }

    /// Records the answer once; a second answer or an expired link is 410 Gone.
    func answer(_ token: String, rating: Int?, comment: String?) async throws -> SurveyResponse {
        try Survey.check(rating: rating, comment: comment)
        let (found, _, _) = try await open(token)
        return try await record(found.id!, ticketID: found.ticketID, rating: rating, comment: comment, by: "Client survey")
    }

    /// The ticket's contact answers the latest survey signed in to the portal, without the emailed link.
    func answer(ticket reference: String, rating: Int?, comment: String?, by principal: Principal) async throws
        -> SurveyResponse
    {
        let ticket = try await TicketLoader(db: db).find(reference, for: principal)
        guard principal.isClient else {
            throw Problem(
                .forbidden, "client-only", "Only the client answers",
                detail: "The satisfaction survey is the client's to answer; staff see its result on the ticket.")
        }
        try Survey.check(rating: rating, comment: comment)
        guard
            let survey = try await SurveyModel.query(on: db).filter(\.$ticketID == ticket.id!)
                .sort(\.$sentAt, .descending).first()
        else { throw Problem.notFound("survey") }
        return try await record(survey.id!, ticketID: ticket.id!, rating: rating, comment: comment, by: principal.name)
    }

    private func record(_ id: UUID, ticketID: UUID, rating: Int?, comment: String?, by who: String) async throws
        -> SurveyResponse
    {
        let now = services.clock.now()
        let found = (id: id, ticketID: ticketID)
        return try await services.gate.transaction(on: db) { tx in
            try await TicketLoader(db: tx).lock(found.ticketID)
            guard let row = try await SurveyModel.find(found.id, on: tx),
                let ticket = try await TicketModel.find(row.ticketID, on: tx)
            else { throw Problem.notFound("survey") }
            if let closed = Survey.closedReason(expiresAt: row.expiresAt, answeredAt: row.answeredAt, now: now) {
                throw Problem(.gone, "survey-closed", "Survey closed", detail: closed)
            }
            let rating = try rating.required("rating")
            row.answeredAt = now
            row.rating = rating
            row.comment = comment?.trimmed.isEmpty == false ? comment?.trimmed : nil
            try await row.update(on: tx)
            var events = EventRecorder(system: who, at: now)
            events.record(
                .surveyAnswered, summary: "Client rated the handling \(rating)/5" + (row.comment.map { ": \($0)" } ?? ""),
                after: ["rating": String(rating)])
            try await ClientActivityNotices(db: tx, services: services).notify(.rating(rating), on: ticket, now: now)
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: ticket.status, replayClocks: false, now: now, on: tx, services: services)
            return Self.response(row, number: TicketNumber.format(ticket.number))
        }
    }

    /// The latest survey of a ticket: staff, and the ticket's company's contacts in the portal.
    func survey(_ reference: String, for principal: Principal) async throws -> SurveyResponse? {
        let ticket = try await TicketLoader(db: db).find(reference, for: principal)
        return try await latest(of: ticket)
    }

    func latest(of ticket: TicketModel) async throws -> SurveyResponse? {
        try await SurveyModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$sentAt, .descending).first()
            .map { Self.response($0, number: TicketNumber.format(ticket.number)) }
    }

    /// Surveys sent in `[from, to)`: the counts and mean the KPIs use.
    func report(from: Date, to: Date, for principal: Principal) async throws -> SurveySummary {
        try principal.requireStaff("report")
        guard to > from else { throw Problem.invalid("to", "must be after from") }
        let rows = try await SurveyModel.query(on: db).filter(\.$sentAt >= from).filter(\.$sentAt < to).all()
        return Survey.summary(sent: rows.count, ratings: rows.compactMap(\.rating))
    }

    static func response(_ row: SurveyModel, number: String) -> SurveyResponse {
        SurveyResponse(
            ticket: number, sentAt: row.sentAt, expiresAt: row.expiresAt, answeredAt: row.answeredAt, rating: row.rating,
            comment: row.comment)
    }
}

/// A ticket's survey.
struct SurveyResponse: Content {
    var ticket: String
    var sentAt: Date
    var expiresAt: Date
    var answeredAt: Date?
    var rating: Int?
    var comment: String?
}

/// A client's answer.
struct SurveyAnswerRequest: StrictRequest {
    var rating: Int?
    var comment: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case rating, comment }
}
