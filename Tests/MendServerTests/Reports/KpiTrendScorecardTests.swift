import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The reports page's trend and engineer scorecard, added up in SQL, equal the same figures added up in Swift from
/// every facts row, on SQLite and PostgreSQL: the trend from the daily totals and, cut by client, from the facts.
@Suite struct KpiTrendScorecardTests {
    @Test func theTrendAndScorecardEqualTheSwiftSums() async throws {
        try await withMend { m in
            try await m.seedKpiDemo()
            let zone = try BusinessCalendar.allDay(in: "UTC")
            let daily = try KpiDaily(db: m.app.db, gate: m.app.mend.gate, timeZone: "UTC")
            let reads = KpiReads(db: m.app.db)
            let year = KpiPeriod(from: LocalDate("2025-11-19")!, to: LocalDate("2026-11-18")!, zone: zone)
            struct Company: Decodable { var company_id: UUID }
            let company = try #require(
                try await m.app.db.sql.raw("SELECT company_id FROM ticket_kpi_facts").first(decoding: Company.self))
            var queries = [KpiQuery(period: year, previous: year.previous(zone: zone))]
            var cut = queries[0]
            cut.companyID = company.company_id
            queries.append(cut)
            for query in queries {
                for unit in [KpiTrendUnit.month, .week] {
                    let periods = KpiPeriod.trend(unit, count: unit == .month ? 12 : 11, endingWith: year.to, zone: zone)
                    let sql = try await reads.figures(query, periods: periods, daily: daily)
                    let rows = try await reads.load(query, from: periods[0].start, to: year.end).map(\.row)
                    #expect(sql == periods.map { KpiFigures(rows: rows, period: $0) }, "\(unit) \(query)")
                    #expect(sql.map(\.resolutionTime.business.n).reduce(0, +) > 0)
                }
                let loaded = try await reads.load(query, from: year.start, to: year.end)
                let resolved = loaded.filter { KpiDrill.resolution.includes($0.row.facts, in: year) }
                let byEngineer = Dictionary(grouping: resolved) { $0.row.facts.resolvedBy }.filter { $0.key != nil }
                let entries = try await KpiScorecardReads(db: m.app.db).entries(query)
                #expect(entries.count == byEngineer.count && entries.count > 1)
                for entry in entries {
                    let group = try #require(byEngineer[entry.engineerID])
                    let swift = KpiFigures(rows: group.map(\.row), period: year)
                    let figures = KpiFigures(totals: entry.totals)
                    #expect(entry.totals.resolved == group.count)
                    #expect(entry.name == group[0].named.resolved_by_name)
                    #expect(figures.resolutionTime.business == swift.resolutionTime.business)
                    #expect(figures.firstContactResolution.rate == swift.firstContactResolution.rate)
                    #expect(figures.reopenRate.rate == swift.reopenRate.rate)
                    #expect(
                        figures.slaCompliance.first { $0.clock == .resolution }?.rate
                            == swift.slaCompliance.first { $0.clock == .resolution }?.rate)
                    #expect(figures.satisfaction.meanRating == swift.satisfaction.meanRating)
                    #expect(entry.loggedMinutes == group.map(\.row.facts.totalLoggedMinutes).reduce(0, +))
                }
            }
        }
    }
}
