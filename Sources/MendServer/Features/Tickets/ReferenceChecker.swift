import Fluent
import Vapor

/// Checks that ids in a request point at rows that exist and belong together, naming the field when not.
struct ReferenceChecker {
    let db: any Database
    var cache: DirectoryCache? = nil

    func company(_ id: UUID, field: String = "companyID") async throws {
        let exists: Bool
        if let cache {
            exists = try await cache.companyName(id, on: db) != nil
        } else {
            exists = try await CompanyModel.find(id, on: db) != nil
        }
        if !exists { throw Problem.invalid(field, "does not name a company") }
    }

    func contact(_ id: UUID, of company: UUID, field: String = "contactID") async throws {
        guard let contact = try await ContactModel.find(id, on: db), contact.companyID == company else {
            throw Problem.invalid(field, "does not name a contact of the ticket's company")
        }
    }

    func site(_ id: UUID, of company: UUID, field: String = "siteID") async throws {
        guard let site = try await SiteModel.find(id, on: db), site.companyID == company else {
            throw Problem.invalid(field, "does not name a site of the ticket's company")
        }
    }

    @discardableResult
    func queue(_ id: UUID, field: String = "queueID") async throws -> QueueModel {
        guard let queue = try await QueueModel.find(id, on: db) else { throw Problem.invalid(field, "does not name a queue") }
        return queue
    }

    func staff(_ id: UUID, field: String) async throws {
        guard let user = try await UserModel.find(id, on: db), user.companyID == nil, user.active else {
            throw Problem.invalid(field, "does not name an active staff member")
        }
    }

    /// New tickets land in the NOC queue unless told otherwise.
    func defaultQueue() async throws -> UUID? {
        if let cache { return try await cache.defaultQueue(on: db) }
        return try await QueueModel.query(on: db).filter(\.$key == "noc").first()?.id
    }
}
