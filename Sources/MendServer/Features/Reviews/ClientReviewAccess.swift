import Fluent
import MendCore
import Vapor

/// Who reads a client's service reviews: its own contacts (any other company is 404 to them, as its tickets are),
/// and the staff who own reports or the client relationship (service managers, CSRs, administrators).
extension Request {
    /// The company of the `companyID` path parameter, when the principal may read its reviews.
    func reviewCompany() async throws -> CompanyModel {
        let principal = try principal()
        let id = try idParameter("companyID", "company")
        if let own = principal.clientCompanyID {
            guard own == id else { throw Problem.notFound("company") }
        } else if !principal.can(.reportsRead), !principal.can(.companiesEdit) {
            throw Problem.forbidden(.reportsRead)
        }
        guard let company = try await CompanyModel.find(id, on: db) else { throw Problem.notFound("company") }
        return company
    }

    /// The MSP's time zone as a calendar open all day: the days review months are counted in.
    func reviewZone() throws -> BusinessCalendar { try BusinessCalendar.allDay(in: mend.config.timeZone) }

    /// Reads a review month named `field`: YYYY-MM, not after the current month, and over when `ended` (a month
    /// still running can be read, not mailed).
    func reviewMonth(_ text: String, field: String = "month", ended: Bool = false) throws -> ReviewMonth {
        guard let month = ReviewMonth(text) else {
            throw Problem.invalid(field, "must be a month as YYYY-MM, from 1970-01")
        }
        let current = ReviewMonth.containing(mend.clock.now(), zone: try reviewZone())
        if month > current { throw Problem.invalid(field, "must not be after the current month (\(current))") }
        if ended, month == current { throw Problem.invalid(field, "must have ended: \(month) is still running") }
        return month
    }
}
