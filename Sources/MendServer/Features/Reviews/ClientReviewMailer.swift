import Fluent
import Foundation
import MendCore
import SQLKit

/// Mails a client's monthly review to its contacts through the outbox, and records that it was sent: by someone
/// on demand, or by the monthly schedule, which sends each month's review once per company.
struct ClientReviewMailer {
    let db: any Database
    let services: MendServices

    /// The outbox's name for review messages.
    static let template = "service_review"

    /// The review of `month` mailed to every contact of `company` with an email address, in one transaction with
    /// its record; `by` is who asked, nil for the schedule. Returns the addresses written to; a scheduled review
    /// already sent, or a company with nobody to write to, sends nothing and returns none.
    @discardableResult
    func send(_ company: CompanyModel, month: ReviewMonth, by: UUID?, now: Date) async throws -> [String] {
        let companyID = try company.requireID()
        let contacts = try await ContactModel.query(on: db).filter(\.$companyID == companyID).sort(\.$name).all()
        var seen = Set<String>()
        let recipients = contacts.compactMap { contact -> MailAddress? in
            guard let email = contact.email?.trimmed, !email.isEmpty, seen.insert(email.lowercased()).inserted else {
                return nil
            }
            return MailAddress(email, name: contact.name)
        }
        if recipients.isEmpty {
            if by == nil { return [] }
            throw Problem.invalid("company", "has no contact with an email address to mail the review to")
        }
        let zone = try BusinessCalendar.allDay(in: services.config.timeZone)
        let review = try ClientReviewResponse(
            try await ClientReviewReads(db: db, zone: zone).load(company, month: month),
            timeZone: services.config.timeZone)
        let lines = Self.lines(review)
        let link = "\(services.config.publicURL)/reports/clients/\(companyID.uuidString)?month=\(month)"
        let config = services.config
        return try await services.gate.transaction(on: db) { tx in
            if by == nil {
                // One scheduled review per company and month, whichever server gets there first.
                struct Claimed: Decodable { var id: UUID }
                let claimed = try await tx.sql.raw(
                    """
                    INSERT INTO client_reviews (id, company_id, month, sent_at, sent_by, recipients)
                    VALUES (\(bind: UUID()), \(bind: companyID), \(bind: month.description), \(bind: now), NULL, \(bind: recipients.count))
                    ON CONFLICT (company_id, month) WHERE sent_by IS NULL DO NOTHING RETURNING id
                    """
                ).first(decoding: Claimed.self)
                if claimed == nil { return [] }
            } else {
                let record = ClientReviewModel()
                record.companyID = companyID
                record.month = month.description
                record.sentAt = now
                record.sentBy = by
                record.recipients = recipients.count
                try await record.create(on: tx)
            }
            let outbox = OutboxEmail(config: config)
            for address in recipients {
                let mail = ReviewMail(
                    contact: address.name ?? address.address, company: company.name, month: month, lines: lines,
                    link: link, mspName: config.mspName, signature: config.mspSignature ?? "The \(config.mspName) service desk")
                try await outbox.row(
                    to: address, subject: mail.subject, text: mail.text, html: mail.html, template: Self.template,
                    ticketID: nil, at: now
                ).create(on: tx)
            }
            return recipients.map(\.address)
        }
    }

    /// The headline figures a review's mail shows.
    static func lines(_ review: ClientReviewResponse) -> [ReviewMail.Line] {
        let kpis = review.kpis
        let answers = kpis.satisfaction.current.responseRate.numerator
        return [
            .init("Tickets in this review", "\(review.tickets.count)"),
            .init("Tickets resolved", "\(kpis.resolutionTime.current.measure.business.n)"),
            .init("Response SLA met", KpiText.percent(kpis.slaCompliance["response"]?.current.rate.value)),
            .init("Resolution SLA met", KpiText.percent(kpis.slaCompliance["resolution"]?.current.rate.value)),
            .init(
                "Median resolution time (business hours)",
                KpiText.duration(kpis.resolutionTime.current.measure.business.p50Seconds.map(Double.init))),
            .init(
                "Satisfaction",
                KpiText.rating(kpis.satisfaction.current.meanRating) + " from \(answers) answer\(answers == 1 ? "" : "s")"),
            .init("SLA breaches", "\(review.breaches.count)"),
        ]
    }
}
