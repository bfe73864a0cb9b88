import Foundation
import SQLKit

/// The columns of a ticket that its KPI facts read. The rebuild reads them for a million tickets: through Fluent's
/// models, which decode every column by reflection, that was over a quarter of its time (BENCHMARKS.md).
struct KpiTicket: Sendable {
    var id: UUID
    var companyID: UUID
    var contractID: UUID?
    var priority: String
    var source: String
    var queueID: UUID?
    var type: String?
    /// When Tier 2's clocks started: escalated in, or opened.
    var start: Date
    var assigneeID: UUID?

    init(_ ticket: TicketModel) throws {
        guard let id = ticket.id else { throw Problem.notFound("ticket") }
        self.id = id
        companyID = ticket.companyID
        contractID = ticket.contractID
        priority = ticket.priority
        source = ticket.source
        queueID = ticket.queueID
        type = ticket.type
        start = ticket.slaStart ?? ticket.createdAt
        assigneeID = ticket.assigneeID
    }

    private init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        companyID = try row.decode(column: "company_id", as: UUID.self)
        contractID = try row.decode(column: "contract_id", as: UUID?.self)
        priority = try row.decode(column: "priority", as: String.self)
        source = try row.decode(column: "source", as: String.self)
        queueID = try row.decode(column: "queue_id", as: UUID?.self)
        type = try row.decode(column: "type", as: String?.self)
        start =
            try row.decode(column: "sla_start", as: Date?.self) ?? row.decode(column: "created_at", as: Date.self)
        assigneeID = try row.decode(column: "assignee_id", as: UUID?.self)
    }

    /// Up to `limit` tickets in id order, after `after` when given.
    static func page(after: UUID?, limit: Int, on sql: any SQLDatabase) async throws -> [KpiTicket] {
        let from: SQLQueryString = after.map { "WHERE id > \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT id, company_id, contract_id, priority, source, queue_id, type, sla_start, created_at, assignee_id
            FROM tickets \(from) ORDER BY id LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map(KpiTicket.init)
    }
}
