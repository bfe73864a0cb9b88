import Fluent
import MendCore
import SQLKit
import Vapor

/// The display names a batch of tickets refers to, loaded with one query per table.
struct NameIndex {
    var companies: [UUID: String] = [:]
    var queues: [UUID: String] = [:]
    var users: [UUID: String] = [:]
    var contacts: [UUID: String] = [:]
    var sites: [UUID: String] = [:]

    static func load(for tickets: [TicketModel], on db: any Database, cache: DirectoryCache?) async throws -> NameIndex {
        var index = NameIndex()
        let companyIDs = Set(tickets.map(\.companyID))
        let queueIDs = Set(tickets.compactMap(\.queueID))
        let userIDs = Set(tickets.compactMap(\.assigneeID))
        let contactIDs = Set(tickets.compactMap(\.contactID))
        let siteIDs = Set(tickets.compactMap(\.siteID))
        // One ticket (the usual single read or write) takes its company and queue names from the cache.
        if let cache, tickets.count == 1 {
            for id in companyIDs { index.companies[id] = try await cache.companyName(id, on: db) }
            for id in queueIDs { index.queues[id] = try await cache.queueName(id, on: db) }
        } else {
            if !companyIDs.isEmpty {
                for c in try await CompanyModel.query(on: db).filter(\.$id ~~ companyIDs).all() {
                    index.companies[c.id!] = c.name
                }
            }
            if !queueIDs.isEmpty {
                for q in try await QueueModel.query(on: db).filter(\.$id ~~ queueIDs).all() { index.queues[q.id!] = q.name }
            }
        }
        if tickets.count == 1 {
            // One ticket (every change answers with one) reads its people and site names in one statement.
            let ticket = tickets[0]
            guard ticket.assigneeID != nil || ticket.contactID != nil || ticket.siteID != nil else { return index }
            struct Names: Decodable {
                var assignee: String?
                var contact: String?
                var site: String?
            }
            let names = try await db.sql.raw(
                """
                SELECT (SELECT name FROM users WHERE id = \(bind: ticket.assigneeID)) AS assignee,
                (SELECT name FROM contacts WHERE id = \(bind: ticket.contactID)) AS contact,
                (SELECT name FROM sites WHERE id = \(bind: ticket.siteID)) AS site
                """
            ).first(decoding: Names.self)
            if let id = ticket.assigneeID { index.users[id] = names?.assignee }
            if let id = ticket.contactID { index.contacts[id] = names?.contact }
            if let id = ticket.siteID { index.sites[id] = names?.site }
            return index
        }
        if !userIDs.isEmpty {
            for u in try await UserModel.query(on: db).filter(\.$id ~~ userIDs).all() { index.users[u.id!] = u.name }
        }
        if !contactIDs.isEmpty {
            for c in try await ContactModel.query(on: db).filter(\.$id ~~ contactIDs).all() { index.contacts[c.id!] = c.name }
        }
        if !siteIDs.isEmpty {
            for s in try await SiteModel.query(on: db).filter(\.$id ~~ siteIDs).all() { index.sites[s.id!] = s.name }
        }
        return index
    }

    func response(for t: TicketModel) throws -> TicketResponse {
        try TicketListRow(t, names: self).response(sla: nil)
    }
}
