import Vapor

/// /api/v1 for the client portal: asking for an emailed sign-in link, answering a ticket's survey signed in.
struct PortalAPIController: RouteCollection {
    struct LinkRequest: StrictRequest {
        var email: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case email }
    }

    struct LinkAccepted: Content { var detail: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("login-links", use: requestLink)
        routes.post("tickets", ":number", "survey", use: answerSurvey)
    }

    func requestLink(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(LinkRequest.self, from: req)
        try await req.signInLinks.request(email: input.body.email)
        return try await LinkAccepted(detail: SignInLinkService.acknowledgement).encodeResponse(status: .accepted, for: req)
    }

    func answerSurvey(req: Request) async throws -> SurveyResponse {
        let input = try StrictJSON.decode(SurveyAnswerRequest.self, from: req)
        return try await req.surveys.answer(
            ticket: req.parameters.get("number") ?? "", rating: input.body.rating, comment: input.body.comment,
            by: try req.principal())
    }
}
