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

/// Remembers which principal a bearer token stands for, for `ttl` seconds, so integrations that send many
/// requests are not re-authenticated against the database on each one. A deactivated user or changed role
/// takes effect within `ttl`.
final class PrincipalCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (Principal, Date)]>([:])
    let ttl: TimeInterval

    init(ttl: TimeInterval = 10) { self.ttl = ttl }

    func principal(forTokenHash hash: String, now: Date) -> Principal? {
        entries.withLockedValue { entries in
            guard let (principal, expiry) = entries[hash] else { return nil }
            if expiry < now {
                entries[hash] = nil
                return nil
            }
            return principal
        }
    }

    func remember(_ principal: Principal, forTokenHash hash: String, now: Date) {
        entries.withLockedValue { entries in
            // Bounded: a flood of distinct tokens cannot grow memory without limit.
            if entries.count > 10_000 { entries.removeAll() }
            entries[hash] = (principal, now.addingTimeInterval(ttl))
        }
    }
}
