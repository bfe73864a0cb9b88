import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The daily totals (`kpi_daily`) give the same figures as the facts rows, on SQLite and PostgreSQL, in a zone with
/// clock changes as in UTC, and stay so after a write that moves a ticket to another day and another cut.
@Suite struct KpiDailyTests {
    @Test func theDailyTotalsEqualTheFactsRowsAndFollowTheirChanges() async throws {
        try await withMend { m in
            try await m.seedKpiDemo()
            let reads = KpiReads(db: m.app.db)
            func queries(_ zone: BusinessCalendar) async throws -> [KpiQuery] {
                try await m.kpiCutQueries(zone: zone, byClientAndEngineer: false)
            }
            func compare(_ daily: KpiDaily) async throws {
                for query in try await queries(daily.zone) {
                    try await daily.refresh()
                    // Answered by the daily rows, not by falling back to the facts.
                    #expect(
                        try await KpiDailyTotals(sql: m.app.db.sql, zone: daily.zone).figures(
                            query, periods: [query.period, query.previous]) != nil)
                    let fromDays = try await reads.figures(query, daily: daily)
                    let fromFacts = try await reads.figures(query)
                    #expect(fromDays.current == fromFacts.current, "\(daily.zoneName) \(query)")
                    #expect(fromDays.previous == fromFacts.previous, "\(daily.zoneName) \(query) before")
                }
            }
            // New York's days are not UTC's: the second zone adds every day up again.
            for zone in ["UTC", "America/New_York"] {
                try await compare(try KpiDaily(db: m.app.db, gate: m.app.mend.gate, timeZone: zone))
            }
            let daily = try KpiDaily(db: m.app.db, gate: m.app.mend.gate, timeZone: "UTC")
            let year = try await queries(daily.zone)[0]
            let before = try await reads.figures(year, daily: daily).current

            // A write as the ticket paths make it: the survey moves to another month with a new rating, and the
            // ticket to another priority.
            struct Surveyed: Decodable { var ticket_id: UUID }
            let surveyed = try #require(
                try await m.app.db.sql.raw(
                    """
                    SELECT ticket_id FROM ticket_kpi_facts WHERE survey_sent_at IS NOT NULL AND rating IS NULL
                    AND priority = 'p3' AND survey_sent_at < \(bind: year.period.end.addingTimeInterval(-50 * 86_400))
                    AND survey_sent_at >= \(bind: year.period.start)
                    """
                ).first(decoding: Surveyed.self))
            let ticket = try #require(try await TicketModel.find(surveyed.ticket_id, on: m.app.db))
            let stored = try #require(
                try await reads.load(year, from: year.previous.start, to: year.period.end).first {
                    $0.named.ticket_id == surveyed.ticket_id
                })
            var facts = stored.row.facts
            facts.surveySentAt = facts.surveySentAt?.addingTimeInterval(40 * 86_400)
            facts.rating = 1
            ticket.priority = Priority.p1.rawValue
            let row = try KpiFactRow(
                ticket: try KpiTicket(ticket), source: try StoredValue.read(TicketSource.self, ticket.source, column: "source"),
                facts: facts, now: Date())
            try await m.app.mend.gate.transaction(on: m.app.db) { tx in try await KpiFactRows.upsert([row], on: tx) }

            try await compare(daily)
            let after = try await reads.figures(year, daily: daily).current
            #expect(after.satisfaction.responseRate.numerator == before.satisfaction.responseRate.numerator + 1)
            #expect(after.timeByStatus != before.timeByStatus)
        }
    }
}
