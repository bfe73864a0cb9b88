import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The SQL aggregates (`KpiAggregates`) give the same figures as adding up every facts row in Swift, on SQLite and
/// PostgreSQL, for the period and the one before, with and without each cut (docs/kpis.md).
@Suite struct KpiAggregateTests {
    @Test func theSqlAggregatesEqualTheSwiftSumsOnTheDemo() async throws {
        try await withMend { m in
            try await m.seedKpiDemo()
            let zone = try BusinessCalendar.allDay(in: "UTC")
            func period(_ from: String, _ to: String) -> KpiPeriod {
                KpiPeriod(from: LocalDate(from)!, to: LocalDate(to)!, zone: zone)
            }
            let year = period("2025-11-19", "2026-11-18")
            let month = period("2026-10-01", "2026-10-31")
            struct Facts: Decodable {
                var company_id: UUID
                var queue_id: UUID?
                var resolved_by: UUID?
                var type: String?
            }
            let sample = try await m.app.db.sql.raw(
                "SELECT company_id, queue_id, resolved_by, type FROM ticket_kpi_facts WHERE resolved_by IS NOT NULL"
            ).all(decoding: Facts.self)
            let one = try #require(sample.first { $0.queue_id != nil && $0.type != nil })
            var queries: [KpiQuery] = []
            for p in [year, month] {
                let base = KpiQuery(period: p, previous: p.previous(zone: zone))
                queries.append(base)
                var cut = base
                cut.companyID = one.company_id
                queries.append(cut)
                cut = base
                cut.priority = .p2
                queries.append(cut)
                cut = base
                cut.queueID = one.queue_id
                queries.append(cut)
                cut = base
                cut.engineerID = one.resolved_by
                queries.append(cut)
                cut = base
                cut.type = one.type
                queries.append(cut)
                cut = base
                cut.channel = TicketSource.tier1Escalation.kpiChannel
                queries.append(cut)
            }
            let reads = KpiReads(db: m.app.db)
            for query in queries {
                let sql = try await reads.figures(query)
                // The same figures added up in Swift from every facts row of the period and the one before.
                let rows = try await reads.load(query, from: query.previous.start, to: query.period.end).map(\.row)
                let swift = (
                    current: KpiFigures(rows: rows, period: query.period),
                    previous: KpiFigures(rows: rows, period: query.previous)
                )
                #expect(sql.current == swift.current, "\(query)")
                #expect(sql.previous == swift.previous, "\(query) before")
            }
            // Not equal by being empty: the year has every kind of figure.
            let figures = try await reads.figures(queries[0]).current
            #expect(figures.resolutionTime.business.n > 100 && figures.reopenRate.rate.numerator > 0)
            #expect(figures.breachCauses.map(\.breaches).reduce(0, +) > 0 && !figures.timeByStatus.isEmpty)
            #expect(figures.satisfaction.meanRating != nil && figures.timeLoggedByType.count > 1)
            #expect(figures.slaCompliance.contains { $0.transferred > 0 } && figures.firstContactResolution.leftTier2 > 0)
        }
    }
}
