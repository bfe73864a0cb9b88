import Fluent
import Foundation
import MendCore
import SQLKit

/// Keeps `ticket_kpi_facts` in step with the tickets: MendCore's `TicketKpis` computes each ticket's facts from its
/// history, time log and survey; this reads those, and stores the result with every write of the ticket (in the
/// same transaction), for new tickets in their batch, and for all tickets at once in `rebuild`.
struct KpiFactsStore {
    let db: any Database
    let sla: SlaParseCache

    /// The row of one ticket's facts, read as of its last event: the stored row equals a rebuilt one.
    static func row(
        _ ticket: KpiTicket, history: TicketHistory, settings: SlaSettings?, logged: [WorkType: Int] = [:],
        survey: SurveyFact? = nil, now: Date
    ) throws -> KpiFactRow {
        let facts = TicketKpis.facts(
            history: history, priority: try StoredValue.read(Priority.self, ticket.priority, column: "priority"),
            policy: settings?.policy, calendar: settings?.calendar ?? .always, loggedMinutes: logged, survey: survey,
            now: history.lastAt)
        return try KpiFactRow(
            ticket: ticket, source: try StoredValue.read(TicketSource.self, ticket.source, column: "source"), facts: facts,
            now: now)
    }

    /// Stores the facts of a ticket just changed, in the caller's transaction, from its history as `fold` holds it.
    func write(_ model: TicketModel, fold: TicketFold, settings: SlaSettings, now: Date) async throws {
        let ticket = try KpiTicket(model)
        let inputs = try await self.inputs(for: [ticket.id])
        let facts = fold.facts(
            currentAssignee: model.assigneeID, priority: try StoredValue.read(Priority.self, ticket.priority, column: "priority"),
            policy: settings.policy, calendar: settings.calendar, loggedMinutes: inputs.logged[ticket.id] ?? [:],
            survey: inputs.surveys[ticket.id])
        let row = try KpiFactRow(
            ticket: ticket, source: try StoredValue.read(TicketSource.self, ticket.source, column: "source"), facts: facts,
            now: now)
        try await KpiFactRows.upsert([row], on: db)
    }

    /// Minutes logged by work type, and the latest survey, of each ticket.
    func inputs(for ids: [UUID]) async throws -> (logged: [UUID: [WorkType: Int]], surveys: [UUID: SurveyFact]) {
        struct Logged: Decodable {
            var ticket_id: UUID
            var work_type: String
            var minutes: Int
        }
        struct Sent: Decodable {
            var ticket_id: UUID
            var sent_at: Date
            var rating: Int?
        }
        let sql = try db.sql
        var logged: [UUID: [WorkType: Int]] = [:]
        let entries = try await sql.raw(
            """
            SELECT ticket_id, work_type, CAST(SUM(minutes) AS BIGINT) AS minutes FROM time_entries
            WHERE ticket_id IN (\(binds: ids)) GROUP BY ticket_id, work_type
            """
        ).all(decoding: Logged.self)
        for entry in entries {
            let work = try StoredValue.read(WorkType.self, entry.work_type, column: "work_type")
            logged[entry.ticket_id, default: [:]][work, default: 0] += entry.minutes
        }
        var surveys: [UUID: SurveyFact] = [:]
        let sent = try await sql.raw(
            "SELECT ticket_id, sent_at, rating FROM surveys WHERE ticket_id IN (\(binds: ids)) ORDER BY sent_at"
        ).all(decoding: Sent.self)
        // A ticket resolved twice was surveyed twice: the latest survey is the one its facts keep.
        for survey in sent { surveys[survey.ticket_id] = SurveyFact(sentAt: survey.sent_at, rating: survey.rating) }
        return (logged, surveys)
    }

    /// Fills the facts once per database, at the first start that knows them: a database from before the facts
    /// table has tickets and no facts. A row in `counters` remembers it was done, so a database whose tickets have
    /// not ended anything yet (and so have no rows) is not replayed at every start.
    func fillOnce(gate: WriteGate, now: Date) async throws {
        struct One: Decodable { var name: String }
        struct Row: Decodable { var ticket_id: UUID }
        struct Ticket: Decodable { var id: UUID }
        let sql = try db.sql
        guard try await sql.raw("SELECT name FROM counters WHERE name = 'kpi_facts'").first(decoding: One.self) == nil
        else { return }
        if try await sql.raw("SELECT ticket_id FROM ticket_kpi_facts LIMIT 1").first(decoding: Row.self) == nil,
            try await sql.raw("SELECT id FROM tickets LIMIT 1").first(decoding: Ticket.self) != nil
        {
            _ = try await rebuild(gate: gate, today: LocalDate(now), now: now)
        }
        try await gate.transaction(on: db) { tx in
            // Two servers starting together may both fill; the rows are the same and one marker stays.
            try await tx.sql.raw("INSERT INTO counters (name, value) VALUES ('kpi_facts', 1) ON CONFLICT DO NOTHING").run()
        }
    }

    /// Recomputes every ticket's facts from its events, `batch` tickets per transaction; the number of tickets.
    func rebuild(gate: WriteGate, today: LocalDate, now: Date, batch: Int = 500) async throws -> Int {
        let loader = SlaSettingsLoader(db: db, cache: sla)
        var settingsByContract: [String: SlaSettings] = [:]
        var count = 0
        // While one batch is computed, the next is read and the one before written: reading and writing are the
        // database's work, computing is Swift's, and on two cores they overlap. One after the other, they were
        // the rebuild's time added up (BENCHMARKS.md).
        var reading = Task { try await read(after: nil, limit: batch) }
        var writing: Task<Void, any Error>?
        defer { reading.cancel() }
        while let input = try await reading.value {
            let last = input.tickets[input.tickets.count - 1].id
            reading = Task { try await read(after: last, limit: batch) }
            var rows: [KpiFactRow] = []
            for ticket in input.tickets {
                let key = ticket.contractID?.uuidString ?? "company " + ticket.companyID.uuidString
                let settings: SlaSettings
                if let known = settingsByContract[key] {
                    settings = known
                } else {
                    settings = try await loader.forTicket(
                        contractID: ticket.contractID, companyID: ticket.companyID, today: today)
                    settingsByContract[key] = settings
                }
                let history = TicketHistoryLoader.history(
                    start: ticket.start, events: input.events[ticket.id] ?? [], currentAssignee: ticket.assigneeID)
                rows.append(
                    try Self.row(
                        ticket, history: history, settings: settings, logged: input.logged[ticket.id] ?? [:],
                        survey: input.surveys[ticket.id], now: now))
            }
            let written = rows
            let unended = rows.filter { $0.first_end_at == nil }.map(\.ticket_id)
            try await writing?.value
            let db = db
            writing = Task {
                try await gate.transaction(on: db) { tx in
                    try await KpiFactRows.upsert(written, recordChanges: false, on: tx)
                    if !unended.isEmpty {
                        try await tx.sql.raw("DELETE FROM ticket_kpi_facts WHERE ticket_id IN (\(binds: unended))").run()
                        try await tx.sql.raw(
                            "DELETE FROM \(unsafeRaw: KpiFactColumns.breachTable) WHERE ticket_id IN (\(binds: unended))"
                        ).run()
                    }
                }
            }
            count += input.tickets.count
        }
        try await writing?.value
        // Every row was written anew without recording its days: the daily totals are added up again.
        try await gate.transaction(on: db) { tx in
            try await tx.sql.raw("DELETE FROM \(unsafeRaw: KpiDailyColumns.stateTable)").run()
        }
        return count
    }

    /// What the facts of a batch of tickets are computed from.
    private struct RebuildInput: Sendable {
        var tickets: [KpiTicket]
        var events: [UUID: [TicketHistoryLoader.Row]]
        var logged: [UUID: [WorkType: Int]]
        var surveys: [UUID: SurveyFact]
    }

    /// The next `limit` tickets after `after`, with their events, time log and surveys; nil past the last.
    private func read(after: UUID?, limit: Int) async throws -> RebuildInput? {
        let sql = try db.sql
        let tickets = try await KpiTicket.page(after: after, limit: limit, on: sql)
        guard !tickets.isEmpty else { return nil }
        let ids = tickets.map(\.id)
        let events = try await TicketHistoryLoader.events(of: ids, on: sql)
        let inputs = try await self.inputs(for: ids)
        return RebuildInput(tickets: tickets, events: events, logged: inputs.logged, surveys: inputs.surveys)
    }
}
