import Fluent
import MendCore
import Vapor

/// The staff list of client service reviews (`/reports/clients`): each client, how its review goes out and when
/// one was last mailed.
struct ClientReviewIndexPage: Encodable {
    struct Row: Encodable {
        var name: String
        var href: String
        var delivery: String
        var contacts: Int
        var lastSent: String
    }

    var layout: LayoutContext
    var lastMonth: String
    var rows: [Row]

    init(req: Request, lastMonth: ReviewMonth) async throws {
        layout = LayoutContext(req, title: "Client service reviews")
        self.lastMonth = lastMonth.title
        let companies = try await CompanyModel.query(on: req.db).sort(\.$name).all()
        let contacts = try await ContactModel.query(on: req.db).filter(\.$email != nil).all()
        let withEmail = Dictionary(grouping: contacts.filter { !($0.email ?? "").isEmpty }, by: \.companyID)
        let sent = Dictionary(
            grouping: try await ClientReviewModel.query(on: req.db).sort(\.$sentAt, .descending).all(), by: \.companyID)
        rows = try companies.map { company in
            let id = try company.requireID()
            let last = sent[id]?.first
            return Row(
                name: company.name, href: "/reports/clients/\(id.uuidString)?month=\(lastMonth)",
                delivery: company.delivery == .monthly ? "each month" : "when sent", contacts: withEmail[id]?.count ?? 0,
                lastSent: last.map {
                    "\(ReviewMonth($0.month)?.title ?? $0.month), sent \(WebFormat.time($0.sentAt))"
                }
                    ?? "never")
        }
    }
}
