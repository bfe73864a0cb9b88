import Fluent
import MendCore
import Vapor

/// /api/v1 for client service reviews: read one month's review, mail it to the client's contacts, and choose whether
/// it goes out by itself each month.
struct ClientReviewAPIController: RouteCollection {
    struct DeliveryRequest: StrictRequest {
        var delivery: String
        enum CodingKeys: String, CodingKey, CaseIterable { case delivery }
    }

    struct Mailed: Content {
        var month: String
        var recipients: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let company = routes.grouped("companies", ":companyID")
        company.get("reviews", ":month", use: review)
        company.post("reviews", ":month", "mail", use: mail)
        company.put("review-delivery", use: delivery)
    }

    func review(req: Request) async throws -> ClientReviewResponse {
        let company = try await req.reviewCompany()
        let month = try req.reviewMonth(req.parameters.get("month") ?? "")
        return try ClientReviewResponse(
            try await ClientReviewReads(db: req.db, zone: try req.reviewZone()).load(company, month: month),
            timeZone: req.mend.config.timeZone)
    }

    func mail(req: Request) async throws -> Response {
        let company = try await req.reviewCompany()
        let principal = try req.principal()
        try principal.requireStaff("company")
        let month = try req.reviewMonth(req.parameters.get("month") ?? "", ended: true)
        let sent = try await ClientReviewMailer(db: req.db, services: req.mend).send(
            company, month: month, by: principal.userID, now: req.mend.clock.now())
        return try await Mailed(month: month.description, recipients: sent).encodeResponse(status: .accepted, for: req)
    }

    func delivery(req: Request) async throws -> CompanyResponse {
        let principal = try req.principal()
        try principal.requireStaff("company")
        try principal.require(.companiesEdit)
        let input = try StrictJSON.decode(DeliveryRequest.self, from: req)
        let delivery = try ClientReviewDelivery.parse(input.body.delivery)
        let company = try await req.reviewCompany()
        try await ClientReviewDelivery(db: req.db, gate: req.mend.gate).set(company, to: delivery)
        return company.response
    }
}
