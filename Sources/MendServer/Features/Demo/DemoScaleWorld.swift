import Fluent
import Foundation
import MendCore

/// More clients and engineers beside the demo's, for `mend kpis generate`: a million tickets a year is an MSP with
/// hundreds of clients and engineers, and a cut by one of them is then the small share it would be there.
enum DemoScaleWorld {
    /// Adds clients (each with a site, two contacts and a contract on one of the demo's coverages) and engineers
    /// up to `clients` and `engineers` of each, numbered; those already there from an earlier run are kept.
    static func extend(clients: Int, engineers: Int, now: Date, on db: any Database) async throws {
        let hash = try await PasswordHasher.hash(DemoData.password)
        for index in 1...max(clients, 1) where clients > 0 {
            let code = String(format: "SC%04d", index)
            guard try await CompanyModel.query(on: db).filter(\.$code == code).count() == 0 else { continue }
            let spec = DemoData.companies[index % DemoData.companies.count]
            let company = CompanyModel()
            company.name = String(format: "Scale Client %04d", index)
            company.code = code
            company.timezone = spec.timezone
            company.createdAt = now.addingTimeInterval(-400 * 86_400)
            try await company.create(on: db)
            let site = SiteModel()
            site.companyID = company.id!
            site.name = "Head office"
            site.address = "\(index) Market St"
            try await site.create(on: db)
            for (name, title) in [("Office Manager", "Office manager"), ("IT Contact", "IT lead")] {
                let contact = ContactModel()
                contact.companyID = company.id!
                contact.name = "\(name) \(code)"
                contact.email = "\(title.lowercased().replacingOccurrences(of: " ", with: "."))@\(code.lowercased()).example"
                contact.title = title
                try await contact.create(on: db)
            }
            try await DemoSeeder.createContract(for: company, coverage: spec.coverage, now: now, on: db)
        }
        for index in 1...max(engineers, 1) where engineers > 0 {
            let email = String(format: "engineer%03d@scale.mend.example", index)
            guard try await UserModel.query(on: db).filter(\.$email == email).count() == 0 else { continue }
            _ = try await DemoSeeder.createUser(
                name: String(format: "Scale Engineer %03d", index), email: email, role: "engineer", hash: hash,
                contact: nil, on: db)
        }
    }
}
