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
            let queries = try await m.kpiCutQueries(
                zone: try BusinessCalendar.allDay(in: "UTC"), byClientAndEngineer: true)
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
