import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The drill-down's SQL picks exactly the tickets MendCore's `KpiDrill` does, for every drill, on SQLite and
/// PostgreSQL, and its pages cover them once each; the page shows its share and links to the next.
@Suite struct KpiDrillRowsTests {
    @Test func everyDrillPicksTheTicketsKpiDrillDoesAPageAtATime() async throws {
        try await withMend { m in
            try await m.seedKpiDemo()
            let zone = try BusinessCalendar.allDay(in: "UTC")
            let year = KpiPeriod(from: LocalDate("2025-11-19")!, to: LocalDate("2026-11-18")!, zone: zone)
            let query = KpiQuery(period: year, previous: year.previous(zone: zone))
            let loaded = try await KpiReads(db: m.app.db).load(query, from: year.start, to: year.end)
            let rows = KpiDrillRows(db: m.app.db)
            for drill in KpiDrill.all {
                let expected = Set(loaded.filter { drill.includes($0.row.facts, in: year) }.map(\.named.ticket_id))
                var seen: [UUID] = []
                var page = 1
                while true {
                    let result = try await rows.page(query, drill: drill, page: page, size: 25)
                    #expect(result.total == expected.count, "\(drill.name)")
                    seen += result.rows.map(\.named.ticket_id)
                    if result.rows.count < 25 { break }
                    page += 1
                }
                #expect(seen.count == expected.count && Set(seen) == expected, "\(drill.name)")
            }
            let responded = loaded.filter { KpiDrill.response.includes($0.row.facts, in: year) }.count
            #expect(responded > KpiTicketsPage.size)
            let link = "/reports/tickets?from=2025-11-19&to=2026-11-18&measure=response"
            let first = try await m.send(.GET, link, as: m.fx.managerToken).body.string
            #expect(first.contains("id=\"drill-count\">\(responded)<") && first.contains("1–\(KpiTicketsPage.size)"))
            #expect(first.contains("id=\"drill-next\"") && !first.contains("id=\"drill-previous\""))
            let second = try await m.send(.GET, link + "&page=2", as: m.fx.managerToken).body.string
            #expect(second.contains("\(KpiTicketsPage.size + 1)–") && second.contains("id=\"drill-previous\""))
            let bad = try await m.send(.GET, link + "&page=0", as: m.fx.managerToken)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("page"))
        }
    }
}
