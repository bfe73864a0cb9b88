import Fluent
import Foundation
import NIOConcurrencyHelpers

/// In-process memory of company and queue names and the default queue, so opening a ticket does not read
/// them every time. Companies and queues are never deleted or renamed (no API does it), so a cached entry
/// cannot go stale; a miss reads the database, so another process's new company is found at once.
final class DirectoryCache: Sendable {
    private let companies = NIOLockedValueBox<[UUID: String]>([:])
    private let queues = NIOLockedValueBox<[UUID: String]>([:])
    private let nocQueue = NIOLockedValueBox<UUID?>(nil)
    private let companyCodes = NIOLockedValueBox<[String: UUID]>([:])

    /// Company ids by code (codes never change either), for alerts that name their client by code.
    func companies(codes: Set<String>, on db: any Database) async throws -> [String: UUID] {
        var found = companyCodes.withLockedValue { cache in cache.filter { codes.contains($0.key) } }
        let missing = codes.subtracting(found.keys)
        if !missing.isEmpty {
            for company in try await CompanyModel.query(on: db).filter(\.$code ~~ missing).all() {
                found[company.code] = company.id!
            }
            let known = found
            companyCodes.withLockedValue { $0.merge(known) { a, _ in a } }
        }
        return found
    }

    func companyName(_ id: UUID, on db: any Database) async throws -> String? {
        if let name = companies.withLockedValue({ $0[id] }) { return name }
        guard let company = try await CompanyModel.find(id, on: db) else { return nil }
        companies.withLockedValue { $0[id] = company.name }
        return company.name
    }

    func queueName(_ id: UUID, on db: any Database) async throws -> String? {
        if let name = queues.withLockedValue({ $0[id] }) { return name }
        guard let queue = try await QueueModel.find(id, on: db) else { return nil }
        queues.withLockedValue { $0[id] = queue.name }
        return queue.name
    }

    /// The NOC queue, where new tickets land unless told otherwise.
    func defaultQueue(on db: any Database) async throws -> UUID? {
        if let id = nocQueue.withLockedValue({ $0 }) { return id }
        let id = try await QueueModel.query(on: db).filter(\.$key == "noc").first()?.id
        nocQueue.withLockedValue { $0 = id }
        return id
    }
}
