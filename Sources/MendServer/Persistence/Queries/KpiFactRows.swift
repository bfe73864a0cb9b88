import Fluent
import Foundation
import MendCore
import SQLKit

/// One `ticket_kpi_facts` row: a ticket's KPI facts as JSON, with the columns figures are cut and found by.
struct KpiFactRow: Decodable, Sendable {
    var ticket_id: UUID
    var company_id: UUID
    var priority: String
    var queue_id: UUID?
    var type: String?
    var channel: String
    var first_assignee: UUID?
    var resolved_by: UUID?
    var first_end_at: Date?
    var last_end_at: Date?
    var facts: String
    var definitions_version: String
    var computed_at: Date

    init(ticket: TicketModel, source: TicketSource, facts: TicketKpiFacts, now: Date) throws {
        let ends = facts.endInstants
        ticket_id = ticket.id!
        company_id = ticket.companyID
        priority = ticket.priority
        queue_id = ticket.queueID
        type = ticket.type
        channel = source.kpiChannel
        first_assignee = facts.firstAssignee
        resolved_by = facts.resolvedBy
        first_end_at = ends.min()
        last_end_at = ends.max()
        self.facts = String(decoding: try KpiFactRows.encoder.encode(facts), as: UTF8.self)
        definitions_version = TicketKpis.definitionsVersion
        computed_at = now
    }

    /// The stored facts.
    func decoded() throws -> TicketKpiFacts {
        try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data(facts.utf8))
    }
}

/// Writes facts rows: one upsert statement for many tickets, on SQLite and PostgreSQL alike.
enum KpiFactRows {
    static let table = "ticket_kpi_facts"
    static let columns = [
        "ticket_id", "company_id", "priority", "queue_id", "type", "channel", "first_assignee", "resolved_by",
        "first_end_at", "last_end_at", "facts", "definitions_version", "computed_at",
    ]

    /// Instants as seconds since 1970 and keys sorted: the same facts always give the same text.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// Inserts or replaces the rows, several hundred per statement (SQLite allows 32,766 bound values). A ticket
    /// with nothing ended yet gets no row: no period can count it, and leaving it out keeps ticket creation from
    /// writing a row per ticket. Ends are never taken back, so a row once written stays right to have.
    static func upsert(_ all: [KpiFactRow], on db: any Database) async throws {
        let rows = all.filter { $0.first_end_at != nil }
        guard !rows.isEmpty else { return }
        let sql = try db.sql
        for start in stride(from: 0, to: rows.count, by: 500) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + 500, rows.count)] {
                insert = insert.values([
                    bind(row.ticket_id), bind(row.company_id), bind(row.priority), bind(row.queue_id), bind(row.type),
                    bind(row.channel), bind(row.first_assignee), bind(row.resolved_by), bind(row.first_end_at),
                    bind(row.last_end_at), bind(row.facts), bind(row.definitions_version), bind(row.computed_at),
                ])
            }
            try await insert.onConflict(with: ["ticket_id"]) { update in
                for column in columns.dropFirst() { update.set(excludedValueOf: column) }
                return update
            }.run()
        }
    }

    private static func bind(_ value: (any Encodable & Sendable)?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }
}
