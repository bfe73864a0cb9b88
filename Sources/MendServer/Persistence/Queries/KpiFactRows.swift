import Fluent
import Foundation
import MendCore
import SQLKit

/// One `ticket_kpi_facts` row: a ticket's KPI facts as JSON, with the columns figures are cut and found by.
struct KpiFactRow: Sendable {
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
    /// The facts themselves, for their columns and breach rows.
    var decodedFacts: TicketKpiFacts

    init(ticket: KpiTicket, source: TicketSource, facts: TicketKpiFacts, now: Date) throws {
        decodedFacts = facts
        let ends = facts.endInstants
        ticket_id = ticket.id
        company_id = ticket.companyID
        priority = ticket.priority
        queue_id = ticket.queueID
        type = ticket.type
        channel = source.kpiChannel
        first_assignee = facts.firstAssignee
        resolved_by = facts.resolvedBy
        first_end_at = ends.min()
        last_end_at = ends.max()
        self.facts = KpiFactsJSON.text(facts)
        definitions_version = TicketKpis.definitionsVersion
        computed_at = now
    }

}

/// Writes facts rows: one upsert statement for many tickets, on SQLite and PostgreSQL alike.
enum KpiFactRows {
    static let table = "ticket_kpi_facts"
    static let columns =
        [
            "ticket_id", "company_id", "priority", "queue_id", "type", "channel", "first_assignee", "resolved_by",
            "first_end_at", "last_end_at", "definitions_version", "computed_at",
        ] + KpiFactColumns.names + ["facts"]

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
    /// `recordChanges` records the days each changed row counts on, before and after, for `kpi_daily`; a rebuild
    /// of every row resets the daily totals instead.
    static func upsert(_ all: [KpiFactRow], recordChanges: Bool = true, on db: any Database) async throws {
        let rows = all.filter { $0.first_end_at != nil }
        guard !rows.isEmpty else { return }
        let sql = try db.sql
        // 90 columns a row: 300 rows keep a statement under SQLite's 32,766 bound values.
        for start in stride(from: 0, to: rows.count, by: 300) {
            var slice = rows[start..<min(start + 300, rows.count)]
            // A row written again with the same facts and cuts (most notes) is left as it is: the 90-column upsert
            // and the breach rows were a tenth of a note's time (BENCHMARKS.md, issue 24).
            if recordChanges { slice = ArraySlice(try await recordChangedDays(slice, on: sql)) }
            guard !slice.isEmpty else { continue }
            var insert = sql.insert(into: table).columns(columns)
            for row in slice {
                insert = insert.values(
                    [
                        bind(row.ticket_id), bind(row.company_id), bind(row.priority), bind(row.queue_id),
                        bind(row.type), bind(row.channel), bind(row.first_assignee), bind(row.resolved_by),
                        bind(row.first_end_at), bind(row.last_end_at), bind(row.definitions_version),
                        bind(row.computed_at),
                    ] + KpiFactColumns.values(row.decodedFacts).map(bind) + [bind(row.facts)])
            }
            try await insert.onConflict(with: ["ticket_id"]) { update in
                for column in columns.dropFirst() { update.set(excludedValueOf: column) }
                return update
            }.run()
            try await writeBreaches(Array(slice), on: sql)
        }
    }

    /// Records in `kpi_daily_stale` the anchors of each row that changes, as stored and as written: the days it
    /// leaves and the days it joins are added up again at the next `KpiDaily.refresh`. A row written again with the
    /// same facts and cuts (a note on a responded ticket) records nothing. Returns the rows that are new or change;
    /// every stored column but the time of computing follows from the facts and the cuts.
    private static func recordChangedDays(_ rows: ArraySlice<KpiFactRow>, on sql: any SQLDatabase) async throws
        -> [KpiFactRow]
    {
        let anchors = KpiDailyColumns.anchors
        let stored = try await sql.raw(
            """
            SELECT ticket_id, priority, channel, type, queue_id, facts, \(unsafeRaw: anchors.joined(separator: ", "))
            FROM \(unsafeRaw: table) WHERE ticket_id IN (\(binds: rows.map(\.ticket_id)))
            """
        ).all()
        var before: [UUID: any SQLRow] = [:]
        for row in stored { before[try row.decode(column: "ticket_id", as: UUID.self)] = row }
        var instants = Set<Date>()
        var changed: [KpiFactRow] = []
        for row in rows {
            if let old = before[row.ticket_id] {
                let same =
                    try old.decode(column: "facts", as: String.self) == row.facts
                    && old.decode(column: "priority", as: String.self) == row.priority
                    && old.decode(column: "channel", as: String.self) == row.channel
                    && old.decode(column: "type", as: String?.self) == row.type
                    && old.decode(column: "queue_id", as: UUID?.self) == row.queue_id
                if same { continue }
                for anchor in anchors {
                    if let at = try old.decode(column: anchor, as: Date?.self) { instants.insert(at) }
                }
            }
            changed.append(row)
            for case let at? in KpiFactColumns.anchors(row.decodedFacts) { instants.insert(at) }
        }
        guard !instants.isEmpty else { return changed }
        var insert = sql.insert(into: KpiDailyColumns.staleTable).columns("id", "at")
        for at in instants { insert = insert.values([SQLBind(UUID()), SQLBind(at)]) }
        try await insert.run()
        return changed
    }

    /// Replaces the breach rows of the tickets of `rows` with their facts' breaches.
    private static func writeBreaches(_ rows: [KpiFactRow], on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "DELETE FROM \(unsafeRaw: KpiFactColumns.breachTable) WHERE ticket_id IN (\(binds: rows.map(\.ticket_id)))"
        ).run()
        let breaches = rows.flatMap { row in row.decodedFacts.breaches.map { (row.ticket_id, $0) } }
        for start in stride(from: 0, to: breaches.count, by: 1_000) {
            var insert = sql.insert(into: KpiFactColumns.breachTable)
                .columns("ticket_id", "clock", "status_at_breach", "longest_status", "unassigned")
            for (ticket, cause) in breaches[start..<min(start + 1_000, breaches.count)] {
                insert = insert.values(
                    [
                        bind(ticket), bind(cause.clock.rawValue), bind(cause.statusAtBreach.rawValue),
                        bind(cause.longestStatus.rawValue), bind(cause.wasUnassigned ? 1 : 0),
                    ])
            }
            try await insert.run()
        }
    }

    private static func bind(_ value: (any Encodable & Sendable)?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }
}
