import Fluent
import Foundation
import MendCore

/// Sends the monthly reviews of the clients who asked for them (`review_delivery` monthly): last month's review
/// once the current month's first working moment on the client's calendar has come (MendCore's `ReviewSchedule`).
struct ClientReviewScheduler {
    let db: any Database
    let services: MendServices

    /// Sends every review due at `now` and not sent yet; returns how many companies got theirs.
    @discardableResult
    func tick(now: Date) async throws -> Int {
        let companies = try await CompanyModel.query(on: db).filter(\.$reviewDelivery == ReviewDelivery.monthly.rawValue)
            .all()
        guard !companies.isEmpty else { return 0 }
        let settings = try await SlaSettingsLoader(db: db, cache: services.sla).current(
            for: Set(companies.compactMap(\.id)), today: LocalDate(now))
        let sent = try await ClientReviewModel.query(on: db).filter(\.$sentBy == nil)
            .filter(\.$companyID ~~ companies.compactMap(\.id)).all()
        let done = Set(sent.map { "\($0.companyID) \($0.month)" })
        var count = 0
        for company in companies {
            guard let id = company.id, let calendar = settings[id]?.calendar,
                let month = ReviewSchedule.due(now: now, calendar: calendar), !done.contains("\(id) \(month)")
            else { continue }
            if try await !ClientReviewMailer(db: db, services: services).send(company, month: month, by: nil, now: now)
                .isEmpty
            {
                count += 1
            }
        }
        return count
    }
}
