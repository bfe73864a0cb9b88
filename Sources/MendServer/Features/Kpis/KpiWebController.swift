import Fluent
import MendCore
import Vapor

/// The reports page and the tickets behind each of its figures.
struct KpiWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", use: report)
        routes.get("reports", "tickets", use: tickets)
    }

    /// A bad filter is shown above this month's report, with 422, rather than as a bare error page.
    func report(req: Request) async throws -> Response {
        let zone = try BusinessCalendar.allDay(in: req.mend.config.timeZone)
        let trendText = try? req.query.get(String.self, at: "trend")
        var error: String?
        let query: KpiQuery
        do {
            query = try await req.kpiQuery(extra: ["trend"])
            if let trendText, !trendText.isEmpty, KpiTrendUnit(rawValue: trendText) == nil {
                error = "trend must be week or month."
            }
        } catch let problem as ValidationError {
            error = Problem.validation(problem).detail
            query = try await KpiQuery.parse(
                "", viewer: try req.principal(), zone: zone, now: req.mend.clock.now(), on: req.db)
        }
        let trend = trendText.flatMap(KpiTrendUnit.init(rawValue:)) ?? query.period.trendUnit
        let periods = KpiPeriod.trend(trend, count: 12, endingWith: query.period.to, zone: zone)
        let reads = KpiReads(db: req.db)
        let daily = try KpiDaily(db: req.db, gate: req.mend.gate, timeZone: req.mend.config.timeZone)
        let page = try await KpiReportPage(
            req: req, query: query, figures: try await reads.figures(query, daily: daily), trend: trend,
            trendPeriods: periods, trendFigures: try await reads.figures(query, periods: periods, daily: daily),
            scorecard: try await KpiScorecardReads(db: req.db).entries(query), error: error)
        return try await req.renderPage("reports/kpis", page, status: error == nil ? .ok : .unprocessableEntity)
    }

    func tickets(req: Request) async throws -> Response {
        let query = try await req.kpiQuery(extra: ["measure"])
        let name = (try? req.query.get(String.self, at: "measure")) ?? ""
        guard let drill = KpiDrill(name: name) else {
            throw Problem.invalid(
                "measure", "must be one of: " + KpiDrill.all.map(\.name).joined(separator: ", "))
        }
        let rows = try await KpiReads(db: req.db).load(query, from: query.period.start, to: query.period.end)
        return try await req.renderPage(
            "reports/kpi-tickets", KpiTicketsPage(req: req, query: query, drill: drill, rows: rows), status: .ok)
    }
}
