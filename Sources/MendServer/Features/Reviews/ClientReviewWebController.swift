import Fluent
import MendCore
import Vapor

/// The client service reviews in the browser: the list of clients for staff, one client's month (which its own
/// contacts read in the portal), mailing it and choosing whether it goes out each month.
struct ClientReviewWebController: RouteCollection {
    struct MailForm: Content { var month: String? }
    struct DeliveryForm: Content {
        var delivery: String?
        var month: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", "clients", use: index)
        routes.get("reports", "clients", ":companyID", use: review)
        routes.post("reports", "clients", ":companyID", "mail", use: mail)
        routes.post("reports", "clients", ":companyID", "delivery", use: delivery)
    }

    /// Staff see every client with its delivery and last review; a client contact goes straight to its own.
    func index(req: Request) async throws -> Response {
        let principal = try req.principal()
        if let own = principal.clientCompanyID { return req.redirect(to: "/reports/clients/\(own.uuidString)") }
        guard principal.can(.reportsRead) || principal.can(.companiesEdit) else { throw Problem.forbidden(.reportsRead) }
        let current = ReviewMonth.containing(req.mend.clock.now(), zone: try req.reviewZone())
        return try await req.renderPage(
            "reports/client-reviews",
            try await ClientReviewIndexPage(req: req, lastMonth: current.adding(months: -1)), status: .ok)
    }

    func review(req: Request) async throws -> Response {
        let company = try await req.reviewCompany()
        let current = ReviewMonth.containing(req.mend.clock.now(), zone: try req.reviewZone())
        let text = try? req.query.get(String.self, at: "month")
        let month = try text.map { try req.reviewMonth($0) } ?? current.adding(months: -1)
        let review = try ClientReviewResponse(
            try await ClientReviewReads(db: req.db, zone: try req.reviewZone()).load(company, month: month),
            timeZone: req.mend.config.timeZone)
        var notice: String?
        if let mailed = try? req.query.get(Int.self, at: "mailed") {
            notice = "The review was mailed to \(mailed) contact\(mailed == 1 ? "" : "s"). It waits in the outbox until sent."
        } else if (try? req.query.get(String.self, at: "saved")) != nil {
            notice =
                "Saved: "
                + (company.delivery == .monthly
                    ? "the review goes out by itself on the first working day of each month."
                    : "the review goes out when someone here sends it.")
        }
        var page = try ClientReviewPage(req: req, review: review, current: current, notice: notice)
        page.refusal = req.takeRefusal(for: "/reports/clients/\(try company.requireID().uuidString)")?.view
        return try await req.renderPage("reports/client-review", page, status: .ok)
    }

    func mail(req: Request) async throws -> Response {
        let company = try await req.reviewCompany()
        let page = "/reports/clients/\(try company.requireID().uuidString)"
        return try await req.runForm(backTo: page) {
            let principal = try req.principal()
            try principal.requireStaff("company")
            let month = try req.reviewMonth(try req.content.decode(MailForm.self).month ?? "", ended: true)
            let sent = try await ClientReviewMailer(db: req.db, services: req.mend).send(
                company, month: month, by: principal.userID, now: req.mend.clock.now())
            return "\(page)?month=\(month)&mailed=\(sent.count)"
        }
    }

    func delivery(req: Request) async throws -> Response {
        let company = try await req.reviewCompany()
        let page = "/reports/clients/\(try company.requireID().uuidString)"
        return try await req.runForm(backTo: page) {
            let principal = try req.principal()
            try principal.requireStaff("company")
            try principal.require(.companiesEdit)
            let form = try req.content.decode(DeliveryForm.self)
            let delivery = try ClientReviewDelivery.parse(form.delivery)
            try await ClientReviewDelivery(db: req.db, gate: req.mend.gate).set(company, to: delivery)
            let month = form.month.flatMap(ReviewMonth.init).map { "month=\($0)&" } ?? ""
            return "\(page)?\(month)saved=1"
        }
    }
}
