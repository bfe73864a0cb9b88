import Fluent
import MendCore
import SQLKit
import Vapor

/// What a ticket list is filtered by; the same filter drives the API search, the queue view and its counts.
struct TicketFilter: Sendable {
    enum Assignee: Sendable, Equatable {
        case anyone, nobody, user(UUID)
    }

    var statuses: [TicketStatus] = []
    var priorities: [Priority] = []
    var queueID: UUID?
    var assignee: Assignee = .anyone
    var companyID: UUID?
    var text: String?
    var openOnly = false

    func apply(to query: QueryBuilder<TicketModel>, postgres: Bool) {
        if !statuses.isEmpty { query.filter(\.$status ~~ statuses.map(\.rawValue)) }
        if openOnly {
            query.filter(\.$status !~ (TicketStatus.exits + [.closed]).map(\.rawValue))
        }
        if !priorities.isEmpty { query.filter(\.$priority ~~ priorities.map(\.rawValue)) }
        if let queueID { query.filter(\.$queueID == queueID) }
        switch assignee {
        case .anyone: break
        case .nobody: query.filter(\.$assigneeID == nil)
        case let .user(id): query.filter(\.$assigneeID == id)
        }
        if let companyID { query.filter(\.$companyID == companyID) }
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            let like: DatabaseQuery.Filter.Method = postgres ? .custom("ILIKE") : .custom("LIKE")
            query.group(.or) { group in
                group.filter(\.$summary, like, pattern)
                group.filter(\.$description, like, pattern)
                if let number = TicketNumber.parse(text) { group.filter(\.$number == number) }
            }
        }
    }
}

/// The orders a ticket list can be read in; each is a keyset so pages never skip or repeat.
enum TicketSort: String, Sendable, CaseIterable {
    case newest, oldest, priority, deadline

    var label: String { self == .deadline ? "nearest deadline" : rawValue }
}

/// Keyset pagination over tickets.
struct TicketSearch {
    let db: any Database

    struct Page {
        var tickets: [TicketModel]
        var nextCursor: String?
    }

    func run(
        _ filter: TicketFilter, sort: TicketSort, cursor: String?, limit: Int, for principal: Principal
    ) async throws -> Page {
        let query = TicketModel.query(on: db)
        var scoped = filter
        if let company = principal.clientCompanyID { scoped.companyID = company }
        scoped.apply(to: query, postgres: isPostgres)
        if let cursor {
            guard let position = Cursor.decode(cursor) else {
                throw Problem.invalid("cursor", "is not a cursor this server issued")
            }
            apply(position, sort: sort, to: query)
        }
        switch sort {
        case .newest: query.sort(\.$number, .descending)
        case .oldest: query.sort(\.$number, .ascending)
        case .priority: query.sort(\.$priority, .ascending).sort(\.$number, .descending)
        case .deadline:
            // Tickets with a running clock first, nearest deadline first; the rest by number (both databases
            // put NULLs in different places, so the order says it outright).
            query.sort(.custom(SQLRaw("(CASE WHEN sla_due_at IS NULL THEN 1 ELSE 0 END)"))).sort(\.$slaDueAt, .ascending)
                .sort(\.$number, .ascending)
        }
        let rows = try await query.limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        let next =
            rows.count > limit
            ? page.last.map { Cursor(priority: $0.priority, number: $0.number, due: $0.slaDueAt?.timeIntervalSince1970).encoded }
            : nil
        return Page(tickets: page, nextCursor: next)
    }

    /// Ticket counts per status for the filter, ignoring its status part (the queue view's tabs).
    func statusCounts(_ filter: TicketFilter, for principal: Principal) async throws -> [TicketStatus: Int] {
        var counts: [TicketStatus: Int] = [:]
        var scoped = filter
        scoped.statuses = []
        scoped.openOnly = false
        if let company = principal.clientCompanyID { scoped.companyID = company }
        for status in TicketStatus.allCases {
            let query = TicketModel.query(on: db).filter(\.$status == status.rawValue)
            scoped.apply(to: query, postgres: isPostgres)
            counts[status] = try await query.count()
        }
        return counts
    }

    private var isPostgres: Bool { (db as? any SQLDatabase)?.dialect.name == "postgresql" }

    private func apply(_ position: Cursor, sort: TicketSort, to query: QueryBuilder<TicketModel>) {
        switch sort {
        case .newest: query.filter(\.$number < position.number)
        case .oldest: query.filter(\.$number > position.number)
        case .priority:
            query.group(.or) { group in
                group.filter(\.$priority > position.priority)
                group.group(.and) { same in
                    same.filter(\.$priority == position.priority)
                    same.filter(\.$number < position.number)
                }
            }
        case .deadline:
            if let due = position.due.map(Date.init(timeIntervalSince1970:)) {
                query.group(.or) { group in
                    group.filter(\.$slaDueAt > due)
                    group.group(.and) { same in
                        same.filter(\.$slaDueAt == due)
                        same.filter(\.$number > position.number)
                    }
                    group.filter(\.$slaDueAt == nil)
                }
            } else {
                query.filter(\.$slaDueAt == nil).filter(\.$number > position.number)
            }
        }
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
