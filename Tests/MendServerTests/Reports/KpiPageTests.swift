import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The reports page and its drill-downs: the same figures as the API, drawn and linked.
@Suite struct KpiPageTests {
    let kpis = KpiServerTests()
    static let november = KpiServerTests.november

    @Test func theReportShowsTheFiguresChartsCausesAndScorecard() async throws {
        try await withMend { m in
            _ = try await kpis.resolvedTicket(m)
            let page = try await m.send(.GET, "/reports?\(Self.november)", as: m.fx.managerToken)
            #expect(page.status == .ok)
            let html = page.body.string
            // Response 16,800 business seconds and resolution 22,200, as the API and the CSV say.
            #expect(html.contains("4 h 40 min") && html.contains("6 h 10 min"))
            #expect(html.contains("1 of 1 tickets"), "first contact resolution 1 of 1")
            // A month is drawn week by week, each chart with its title, value axis and period axis.
            for chart in ["trend-times", "trend-sla", "trend-rates", "trend-volume", "trend-satisfaction"] {
                #expect(html.contains("<title id=\"\(chart)-title\">"), "\(chart)")
            }
            #expect(html.contains("week starting Monday") && html.contains("hours, business time"))
            #expect(html.contains("<circle") && html.contains("class=\"bar\""))
            // Where the time went: the response waited assigned, the resolution also ran in progress.
            #expect(html.contains("P3, Assigned: 100.0% (4 h 40 min)") && html.contains("P3, Restored: 8.1% (30 min)"))
            #expect(html.contains("id=\"breach-causes\"") && html.contains("Assigned 1"))
            #expect(html.contains("measure=resolution") && html.contains("measure=breaches-response"))
            #expect(html.contains("Eli Engineer") && html.contains("id=\"filter-engineer\""))
            #expect(html.contains("/api/v1/kpis/tickets.csv?from=2026-11-01&amp;to=2026-11-30"))
            // Weeks or months, as asked.
            let monthly = try await m.send(.GET, "/reports?\(Self.november)&trend=month", as: m.fx.managerToken)
            #expect(monthly.status == .ok && monthly.body.string.contains("Nov 26"))
        }
    }

    @Test func eachFigureLinksToTheTicketsBehindIt() async throws {
        try await withMend { m in
            let n = try await kpis.resolvedTicket(m)
            _ = try await m.openTicket(summary: "Nothing ended yet")
            func drill(_ measure: String) async throws -> (HTTPStatus, String) {
                let response = try await m.send(
                    .GET, "/reports/tickets?\(Self.november)&measure=\(measure)", as: m.fx.managerToken)
                return (response.status, response.body.string)
            }
            let resolved = try await drill("resolution")
            #expect(resolved.0 == .ok && resolved.1.contains("/tickets/\(n)") && resolved.1.contains("6 h 10 min"))
            #expect(resolved.1.contains("id=\"drill-count\">1<"))
            let breached = try await drill("breaches-response")
            #expect(breached.1.contains("/tickets/\(n)") && breached.1.contains("Assigned"))
            let none = try await drill("breaches-resolution")
            #expect(none.0 == .ok && !none.1.contains("/tickets/\(n)") && none.1.contains("id=\"drill-count\">0<"))
            #expect(try await drill("fcr").1.contains("/tickets/\(n)"))
            #expect(try await drill("nonsense").0 == .unprocessableEntity)
            let missing = try await m.send(.GET, "/reports/tickets?\(Self.november)", as: m.fx.managerToken)
            #expect(missing.status == .unprocessableEntity)
        }
    }

    @Test func badFiltersAreShownAndEachRoleSeesItsShare() async throws {
        try await withMend { m in
            _ = try await kpis.resolvedTicket(m)
            let bad = try await m.send(.GET, "/reports?from=2026-13-01", as: m.fx.managerToken)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"error\"") && bad.body.string.contains("from must be a date"))
            #expect(bad.body.string.contains("id=\"kpi-response-time\""), "the month's report is still shown")
            let trend = try await m.send(.GET, "/reports?trend=daily", as: m.fx.managerToken)
            #expect(trend.status == .unprocessableEntity && trend.body.string.contains("trend must be week or month"))
            // An engineer sees their own scorecard, without the engineer filter, and not a colleague's.
            let mine = try await m.send(.GET, "/reports?\(Self.november)", as: m.fx.engineerToken)
            #expect(mine.status == .ok && !mine.body.string.contains("id=\"filter-engineer\""))
            #expect(mine.body.string.contains("Your own scorecard"))
            let theirs = try await m.send(.GET, "/reports?engineer=\(m.fx.manager)", as: m.fx.engineerToken)
            #expect(theirs.status == .forbidden)
            #expect(try await m.send(.GET, "/reports", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/reports/tickets?measure=fcr", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/reports").status != .ok)
        }
    }
}
