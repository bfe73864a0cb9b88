import Fluent
import MendCore
import Vapor

/// /api/v1 surveys: the client's answer (no sign-in: the link is the key), a ticket's survey, the report.
struct SurveyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("surveys", ":token", use: answer)
        routes.get("tickets", ":number", "survey", use: survey)
        routes.get("reports", "surveys", use: report)
    }

    func answer(req: Request) async throws -> SurveyResponse {
        let input = try StrictJSON.decode(SurveyAnswerRequest.self, from: req)
        return try await req.surveys.answer(
            req.parameters.get("token") ?? "", rating: input.body.rating, comment: input.body.comment)
    }

    func survey(req: Request) async throws -> SurveyResponse {
        guard let survey = try await req.surveys.survey(req.parameters.get("number") ?? "", for: try req.principal()) else {
            throw Problem.notFound("survey")
        }
        return survey
    }

    func report(req: Request) async throws -> SurveySummaryResponse {
        let principal = try req.principal()
        let (from, to) = try ReportPeriod.parse(req)
        let summary = try await req.surveys.report(from: from, to: to, for: principal)
        return SurveySummaryResponse(
            from: from, to: to, sent: summary.sent, answered: summary.answered, meanRating: summary.meanRating,
            counts: summary.counts)
    }
}

/// Surveys over a period: sent, answered, the mean rating and each rating's count (1 to 5).
struct SurveySummaryResponse: Content {
    var from: Date
    var to: Date
    var sent: Int
    var answered: Int
    var meanRating: Double?
    var counts: [Int]
}

/// The survey page the client's link opens: no sign-in, one answer.
struct SurveyWebController: RouteCollection {
    struct Page: Encodable {
        var layout: LayoutContext
        var token: String
        var ticket: String
        var summary: String
        var closed: String?
        var thanks: Bool
        var error: ErrorBox?
    }

    struct Form: Content {
        var rating: String?
        var comment: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("survey", ":token", use: show)
        routes.post("survey", ":token", use: answer)
    }

    func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let (_, ticket, closed) = try await req.surveys.open(token)
        return try await page(
            req, token: token, ticket: ticket, closed: closed, thanks: false, error: nil, status: closed == nil ? .ok : .gone)
    }

    func answer(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let form = try req.content.decode(Form.self)
        let (_, ticket, _) = try await req.surveys.open(token)
        do {
            guard let rating = form.rating.nonEmpty.flatMap({ Int($0) }) else {
                throw Problem.invalid("rating", "is required: pick 1 to 5")
            }
            _ = try await req.surveys.answer(token, rating: rating, comment: form.comment)
            return try await page(req, token: token, ticket: ticket, closed: nil, thanks: true, error: nil, status: .ok)
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500 else { throw error }
            let closed = problem.status == .gone ? problem.detail : nil
            return try await page(
                req, token: token, ticket: ticket, closed: closed, thanks: false, error: closed == nil ? problem : nil,
                status: problem.status)
        }
    }

    private func page(
        _ req: Request, token: String, ticket: TicketModel, closed: String?, thanks: Bool, error: Problem?, status: HTTPStatus
    ) async throws -> Response {
        try await req.renderPage(
            "survey",
            Page(
                layout: LayoutContext(req, title: "How did we do?"), token: token, ticket: TicketNumber.format(ticket.number),
                summary: ticket.summary, closed: closed, thanks: thanks, error: error.map(ErrorBox.init)), status: status)
    }
}

extension Request {
    var surveys: SurveyService { SurveyService(db: db, services: application.mend) }
}
