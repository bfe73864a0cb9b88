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

    /// A page of the tickets behind one figure, `KpiTicketsPage.size` to a page: a year of a large MSP's tickets
    /// is never read at once.
    func tickets(req: Request) async throws -> Response {
        let query = try await req.kpiQuery(extra: ["measure", "page"])
        let name = (try? req.query.get(String.self, at: "measure")) ?? ""
        guard let drill = KpiDrill(name: name) else {
            throw Problem.invalid(
                "measure", "must be one of: " + KpiDrill.all.map(\.name).joined(separator: ", "))
        }
        var page = 1
        if let text = try? req.query.get(String.self, at: "page") {
            guard let number = Int(text), (1...1_000_000).contains(number) else {
                throw Problem.invalid("page", "must be a whole number from 1 to 1000000")
            }
            page = number
        }
        let reads = KpiDrillRows(db: req.db)
        var result = try await reads.page(query, drill: drill, page: page, size: KpiTicketsPage.size)
        let last = max(1, (result.total + KpiTicketsPage.size - 1) / KpiTicketsPage.size)
        if page > last {
            // Past the end (the list shrank, or a hand-edited link): the last page.
            page = last
            result = try await reads.page(query, drill: drill, page: page, size: KpiTicketsPage.size)
        }
        return try await req.renderPage(
            "reports/kpi-tickets",
            KpiTicketsPage(req: req, query: query, drill: drill, rows: result.rows, total: result.total, page: page),
            status: .ok)
    }
}
