import Fluent
import Foundation
import MendCore
import SQLKit

/// Reads what one client's review of one month is made of: the company's facts rows over the six months of the
/// trend, the tickets the review lists, the survey answers and the reviews already mailed. Figures come from
/// MendCore over these rows, as `/api/v1/kpis` computes them.
struct ClientReviewReads {
    let db: any Database
    let zone: BusinessCalendar

    struct Ticket: Decodable {
        var number: Int
        var summary: String
        var priority: String
        var status: String
        var created_at: Date
        var facts: String?
    }

    struct Comment: Decodable {
        var number: Int
        var rating: Int?
        var comment: String?
        var answered_at: Date
    }

    struct Loaded {
        var company: CompanyModel
        var month: ReviewMonth
        var period: KpiPeriod
        var previous: KpiPeriod
        var trend: [KpiPeriod]
        var rows: [KpiRow]
        var tickets: [(ticket: Ticket, facts: TicketKpiFacts?)]
        var comments: [Comment]
        var deliveries: [ClientReviewModel]
    }

    func load(_ company: CompanyModel, month: ReviewMonth) async throws -> Loaded {
        let companyID = try company.requireID()
        let period = month.period(zone: zone)
        let previous = month.adding(months: -1).period(zone: zone)
        let trend = month.trend(zone: zone)
        let query = KpiQuery(period: period, previous: previous, companyID: companyID)
        let rows = try await KpiReads(db: db).load(query, from: trend.first?.start ?? previous.start, to: period.end)
            .map(\.row)
        let candidates = try await db.sql.raw(
            """
            SELECT t.number, t.summary, t.priority, t.status, t.created_at, f.facts
            FROM tickets t LEFT JOIN ticket_kpi_facts f ON f.ticket_id = t.id
            WHERE t.company_id = \(bind: companyID) AND ((t.created_at >= \(bind: period.start) AND t.created_at < \(bind: period.end))
            OR (f.last_end_at >= \(bind: period.start) AND f.first_end_at < \(bind: period.end)))
            ORDER BY t.number
            """
        ).all(decoding: Ticket.self)
        var tickets: [(ticket: Ticket, facts: TicketKpiFacts?)] = []
        for ticket in candidates {
            let facts = try ticket.facts.map { try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data($0.utf8)) }
            if ClientReview.lists(openedAt: ticket.created_at, facts: facts, in: period) {
                tickets.append((ticket, facts))
            }
        }
        let comments = try await db.sql.raw(
            """
            SELECT t.number, s.rating, s.comment, s.answered_at FROM surveys s JOIN tickets t ON t.id = s.ticket_id
            WHERE t.company_id = \(bind: companyID) AND s.sent_at >= \(bind: period.start) AND s.sent_at < \(bind: period.end)
            AND s.answered_at IS NOT NULL ORDER BY s.answered_at, t.number
            """
        ).all(decoding: Comment.self)
        let deliveries = try await ClientReviewModel.query(on: db).filter(\.$companyID == companyID)
            .filter(\.$month == month.description).sort(\.$sentAt).all()
        return Loaded(
            company: company, month: month, period: period, previous: previous, trend: trend, rows: rows,
            tickets: tickets, comments: comments, deliveries: deliveries)
    }
}
