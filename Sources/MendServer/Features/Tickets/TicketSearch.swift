import Fluent
import MendCore
import SQLKit
import Vapor

/// What a ticket list is filtered by; the same filter drives the API search, the queue view and its counts
/// (its conditions: `TicketFilter.apply` in `TicketListRows`).
struct TicketFilter: Sendable {
    enum Assignee: Sendable, Equatable {
        case anyone, nobody, user(UUID)
    }

    /// Whose tickets by client contact: anyone's, one contact's, or no one's (`contact=me` from a viewer who is no
    /// contact matches nothing).
    enum Contact: Sendable, Equatable {
        case anyone, contact(UUID), noOne
    }

    var statuses: [TicketStatus] = []
    var priorities: [Priority] = []
    var queueID: UUID?
    var assignee: Assignee = .anyone
    var companyID: UUID?
    var contact: Contact = .anyone
    var text: String?
    var openOnly = false
}

/// The orders a ticket list can be read in; each is a keyset so pages never skip or repeat.
enum TicketSort: String, Sendable, CaseIterable {
    case newest, oldest, priority, deadline

    var label: String { self == .deadline ? "nearest deadline" : rawValue }
}

/// Keyset pagination over tickets, answered as the API shows them.
struct TicketSearch {
    let db: any Database
    /// Reads the clocks of each ticket at the request's instant.
    let sla: SlaReader

    struct Page {
        var tickets: [TicketResponse]
        var nextCursor: String?
    }

    func run(
        _ filter: TicketFilter, sort: TicketSort, cursor: String?, limit: Int, for principal: Principal
    ) async throws -> Page {
        var position: Cursor?
        if let cursor {
            guard let decoded = Cursor.decode(cursor) else {
                throw Problem.invalid("cursor", "is not a cursor this server issued")
            }
            position = decoded
        }
        let rows = try await TicketListRows.read(
            scoped(filter, for: principal), sort: sort, after: position, limit: limit + 1, on: try db.sql)
        let page = rows.prefix(limit)
        let next =
            rows.count > limit
            ? page.last.map { Cursor(priority: $0.priority, number: $0.number, due: $0.slaDueAt?.timeIntervalSince1970).encoded }
            : nil
        return Page(tickets: try page.map { try $0.response(sla: sla) }, nextCursor: next)
    }

    /// Ticket counts per status for the filter, ignoring its status part (the queue view's tabs).
    func statusCounts(_ filter: TicketFilter, for principal: Principal) async throws -> [TicketStatus: Int] {
        try await TicketListRows.statusCounts(scoped(filter, for: principal), on: try db.sql)
    }

    /// A client contact sees only its own company's tickets, whatever the filter says.
    private func scoped(_ filter: TicketFilter, for principal: Principal) -> TicketFilter {
        var scoped = filter
        if let company = principal.clientCompanyID { scoped.companyID = company }
        return scoped
    }
}

/// An opaque position in a ticket list.
struct Cursor: Codable {
    var priority: String
    var number: Int
    /// The deadline sort's position (seconds since 1970); absent in the other sorts.
    var due: Double? = nil

    var encoded: String {
        ((try? JSONEncoder().encode(self)) ?? Data()).base64URLEncoded
    }

    static func decode(_ text: String) -> Cursor? {
        guard let data = Data(base64URLEncoded: text), let cursor = try? JSONDecoder().decode(Cursor.self, from: data),
            Priority(rawValue: cursor.priority) != nil, cursor.number > 0
        else { return nil }
        return cursor
    }
}
