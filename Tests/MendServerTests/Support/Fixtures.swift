import Fluent
import Foundation
import Vapor

@testable import MendServer

/// Two client companies, their contacts and logins, and staff with tokens, created directly in storage.
struct Fixtures {
    var companyA: UUID
    var companyB: UUID
    var contactA: UUID
    var contactB: UUID
    var siteA: UUID
    var siteB: UUID
    /// Company A's 8x5 contract (New York office hours, the default policy); company B has none.
    var contractA: UUID
    var nocQueue: UUID
    var admin: UUID
    var engineer: UUID
    var manager: UUID
    var adminToken: String
    var engineerToken: String
    var managerToken: String
    var clientAToken: String
    var clientBToken: String

    static func create(on app: Application) async throws -> Fixtures {
        let db = app.db
        func company(_ name: String, _ code: String) async throws -> (UUID, UUID, UUID) {
            let c = CompanyModel()
            c.name = name
            c.code = code
            c.timezone = "America/New_York"
            try await c.create(on: db)
            let contact = ContactModel()
            contact.companyID = c.id!
            contact.name = "\(name) Contact"
            contact.email = "contact@\(code.lowercased()).example"
            try await contact.create(on: db)
            let site = SiteModel()
            site.companyID = c.id!
            site.name = "\(name) HQ"
            try await site.create(on: db)
            return (c.id!, contact.id!, site.id!)
        }
        let (a, contactA, siteA) = try await company("Acme Corp", "ACME")
        let (b, contactB, siteB) = try await company("Beta Industries", "BETA")
        func user(_ name: String, _ role: String, contact: UUID? = nil, company: UUID? = nil) async throws -> (UUID, String) {
            let u = UserModel()
            u.name = name
            u.email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@test.example"
            u.roleKey = role
            u.active = true
            u.contactID = contact
            u.companyID = company
            try await u.create(on: db)
            let (_, raw) = try await TokenService.create(name: "test", for: u.id!, on: db, now: Date())
            return (u.id!, raw)
        }
        let (admin, adminToken) = try await user("Ada Admin", "admin")
        let (engineer, engineerToken) = try await user("Eli Engineer", "engineer")
        let (manager, managerToken) = try await user("Mia Manager", "service_manager")
        let (_, clientAToken) = try await user("Carl Client", "client_contact", contact: contactA, company: a)
        let (_, clientBToken) = try await user("Bea Client", "client_contact", contact: contactB, company: b)
        let contract = ContractModel()
        contract.companyID = a
        contract.name = "Acme managed services"
        contract.coverage = "8x5"
        contract.startsOn = "2026-01-01"
        try await contract.create(on: db)
        let noc = try await QueueModel.query(on: db).filter(\.$key == "noc").first()!.id!
        return Fixtures(
            companyA: a, companyB: b, contactA: contactA, contactB: contactB, siteA: siteA, siteB: siteB, contractA: contract.id!,
            nocQueue: noc,
            admin: admin, engineer: engineer, manager: manager, adminToken: adminToken, engineerToken: engineerToken,
            managerToken: managerToken, clientAToken: clientAToken, clientBToken: clientBToken)
    }
}
