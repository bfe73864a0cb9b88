import Fluent
import MendCore
import Vapor

/// A person's own settings: the time zone their pages show times in.
struct ProfileRequest: StrictRequest {
    /// An IANA zone name, or null for the default (the MSP's; a client contact's company's).
    var timeZone: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case timeZone }
}

struct ProfileService {
    let db: any Database
    let services: MendServices

    /// Sets the signed-in person's time zone (nil: back to the default); refused with the field named otherwise,
    /// an empty or padded name included: the API's document lists the names exactly.
    func setTimeZone(_ chosen: String?, by principal: Principal) async throws -> UserModel {
        let problems = DirectoryRules.userTimeZone(chosen)
        if !problems.isEmpty { throw Problem.validation(ValidationError(problems)) }
        guard let user = try await UserModel.find(principal.userID, on: db) else { throw Problem.notFound("user") }
        user.timeZone = chosen
        try await user.update(on: db)
        return user
    }

    /// The zone the person gets when they choose none: a client contact's company's, else the MSP's.
    func defaultZone(for principal: Principal) async throws -> String {
        if let company = principal.clientCompanyID, let row = try await CompanyModel.find(company, on: db) {
            return row.timezone
        }
        return services.config.timeZone
    }
}

extension Request {
    var profiles: ProfileService { ProfileService(db: db, services: application.mend) }
}
