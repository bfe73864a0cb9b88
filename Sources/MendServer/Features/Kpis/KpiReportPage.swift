import Fluent
import Foundation
import MendCore
import SQLKit
import Vapor

/// The reports page (`/reports`): the module's KPIs for a period beside the period before, their trends, where the
/// time went, why SLAs broke and the engineers' scorecard. Every figure links to the tickets behind it; the figures
/// are MendCore's `KpiFigures` over the stored facts, the same as `/api/v1/kpis` answers.
struct KpiReportPage: Encodable {
    struct Filters: Encodable {
        var from: String
        var to: String
        var companies: [PageOption]
        var priorities: [PageOption]
        var queues: [PageOption]
        var engineers: [PageOption]
        var types: [PageOption]
        var sources: [PageOption]
        var trends: [PageOption]
    }

    struct Card: Encodable {
        var id: String
        var title: String
        var value: String
        var detail: String
        var previous: String
        var change: KpiText.Change
        var count: String
        var href: String
    }

    struct ComplianceRow: Encodable {
        var clock: String
        var rate: String
        var met: Int
        var breached: Int
        var transferred: Int
        var notMeasured: Int
        var previous: String
        var change: KpiText.Change
        var href: String
        var breachesHref: String
    }

    struct LoggedRow: Encodable {
        var type: String
        var tickets: Int
        var mean: String
        var split: String
    }

    struct CauseRow: Encodable {
        var clock: String
        var breaches: Int
        var atBreach: String
        var longest: String
        var unassigned: Int
        var href: String
    }

    struct ScoreRow: Encodable {
        var name: String
        var href: String
        var resolved: Int
        var resolvedHref: String
        var resolution: String
        var fcr: String
        var reopens: String
        var sla: String
        var rating: String
        var logged: String
    }

    var layout: LayoutContext
    var error: String?
    var filters: Filters
    var period: String
    var previous: String
    var definitionsVersion: String
    var timeZone: String
    var cards: [Card]
    var compliance: [ComplianceRow]
    var logged: [LoggedRow]
    var trendUnit: String
    var trends: [SvgTrendChart]
    var statusCharts: [SvgStatusBars]
    var legend: [SvgStatusBars.Legend]
    var causes: [CauseRow]
    var scorecard: [ScoreRow]
    var csvHref: String
    /// A service manager or admin: the engineer filter and everyone's scorecard are shown.
    var canSeeAll: Bool
}

extension KpiReportPage {
    /// The page of `query`: its figures and the period before's, a trend of `trendPeriods` and the scorecard, all
    /// added up in SQL (`KpiReads`, `KpiScorecardReads`).
    init(
        req: Request, query: KpiQuery, figures: (current: KpiFigures, previous: KpiFigures), trend: KpiTrendUnit,
        trendPeriods: [KpiPeriod], trendFigures: [KpiFigures], scorecard entries: [KpiScorecardReads.Entry],
        error: String?
    ) async throws {
        let current = figures.current
        let before = figures.previous
        let links = KpiLinks(query: query)
        let principal = try req.principal()
        layout = LayoutContext(req, title: "Reports")
        self.error = error
        canSeeAll = principal.can(.reportsRead)
        filters = try await Self.filters(req: req, query: query, trend: trend, canSeeAll: canSeeAll)
        period = "\(query.period.from) to \(query.period.to)"
        previous = "\(query.previous.from) to \(query.previous.to)"
        definitionsVersion = TicketKpis.definitionsVersion
        timeZone = req.mend.config.timeZone
        csvHref = "/api/v1/kpis/tickets.csv?" + links.base
        cards = Self.cards(current, before, links)
        compliance = zip(current.slaCompliance, before.slaCompliance).map { now, then in
            ComplianceRow(
                clock: now.clock.title, rate: KpiText.percent(now.rate.value), met: now.met, breached: now.breached,
                transferred: now.transferred, notMeasured: now.notMeasured, previous: KpiText.percent(then.rate.value),
                change: KpiText.change(now.rate.value, then.rate.value, lowerIsBetter: false, points: true),
                href: links.drill(.compliance(now.clock)), breachesHref: links.drill(.breaches(now.clock)))
        }
        logged = current.timeLoggedByType.map { entry in
            LoggedRow(
                type: entry.type ?? "no type", tickets: entry.tickets, mean: KpiText.minutes(entry.meanMinutes),
                split: WorkType.allCases.compactMap { work in
                    entry.meanMinutesByWorkType[work].map { "\(work.rawValue) \(KpiText.minutes($0))" }
                }.joined(separator: " · "))
        }
        trendUnit = trend.rawValue
        trends = Self.trends(figures: trendFigures, periods: trendPeriods, unit: trend)
        statusCharts = [SlaClockKind.response, .restoration, .resolution].map { clock in
            SvgStatusBars(
                id: "status-\(clock.rawValue)", title: "\(clock.title): where the business time went, by priority",
                rows: current.timeByStatus.filter { $0.clock == clock }.map { entry in
                    SvgStatusBars.Input(
                        label: entry.priority.rawValue.uppercased(), tickets: entry.tickets,
                        totalSeconds: entry.totalSeconds, pausedSeconds: entry.pausedSeconds, seconds: entry.secondsByStatus)
                })
        }
        legend = SvgStatusBars.legend(current.timeByStatus.map(\.secondsByStatus))
        causes = current.breachCauses.map { cause in
            func ranked(_ counts: [TicketStatus: Int]) -> String {
                KpiText.byCount(counts).map { "\($0.status.title) \($0.count)" }.joined(separator: " · ")
            }
            return CauseRow(
                clock: cause.clock.title, breaches: cause.breaches, atBreach: ranked(cause.statusAtBreach),
                longest: ranked(cause.longestStatus), unassigned: cause.unassigned, href: links.drill(.breaches(cause.clock)))
        }
        scorecard = Self.scorecard(entries, links: links)
    }

    private static func cards(_ now: KpiFigures, _ then: KpiFigures, _ links: KpiLinks) -> [Card] {
        func time(_ id: String, _ title: String, _ now: MeasureFigure, _ then: MeasureFigure, _ drill: KpiDrill) -> Card {
            Card(
                id: id, title: title, value: KpiText.duration(now.business.p50Seconds.map(Double.init)),
                detail:
                    "median, business time · mean \(KpiText.duration(now.business.meanSeconds)) · 90th percentile \(KpiText.duration(now.business.p90Seconds.map(Double.init))) · wall-clock median \(KpiText.duration(now.wall.p50Seconds.map(Double.init))) · paused mean \(KpiText.duration(now.paused.meanSeconds))",
                previous: KpiText.duration(then.business.p50Seconds.map(Double.init)),
                change: KpiText.change(
                    now.business.p50Seconds.map(Double.init), then.business.p50Seconds.map(Double.init),
                    lowerIsBetter: true),
                count: "\(now.business.n) tickets", href: links.drill(drill))
        }
        func rate(
            _ id: String, _ title: String, _ now: RateFigure, _ then: RateFigure, detail: String, lowerIsBetter: Bool,
            _ drill: KpiDrill
        ) -> Card {
            Card(
                id: id, title: title, value: KpiText.percent(now.value), detail: detail,
                previous: KpiText.percent(then.value),
                change: KpiText.change(now.value, then.value, lowerIsBetter: lowerIsBetter, points: true),
                count: "\(now.numerator) of \(now.denominator) tickets", href: links.drill(drill))
        }
        let resolvedNow = now.timeLoggedByType.map(\.tickets).reduce(0, +)
        let resolvedThen = then.timeLoggedByType.map(\.tickets).reduce(0, +)
        func meanLogged(_ figures: KpiFigures, _ count: Int) -> Double? {
            count == 0 ? nil : figures.timeLoggedByType.map { $0.meanMinutes * Double($0.tickets) }.reduce(0, +) / Double(count)
        }
        let loggedNow = meanLogged(now, resolvedNow)
        let loggedThen = meanLogged(then, resolvedThen)
        return [
            time("response-time", "Response time", now.responseTime, then.responseTime, .response),
            time("restoration-time", "Restoration time", now.restorationTime, then.restorationTime, .restoration),
            time("resolution-time", "Resolution time", now.resolutionTime, then.resolutionTime, .resolution),
            rate(
                "first-contact-resolution", "First contact resolution", now.firstContactResolution.rate,
                then.firstContactResolution.rate,
                detail:
                    "resolved by the first engineer, alone · \(now.firstContactResolution.leftTier2) left Tier 2 (counted apart)",
                lowerIsBetter: false, .firstContact),
            rate(
                "reopen-rate", "Reopen rate", now.reopenRate.rate, then.reopenRate.rate,
                detail: "reopened within the window · \(now.reopenRate.linkedFollowUps) linked follow-ups after it",
                lowerIsBetter: true, .reopens),
            Card(
                id: "satisfaction", title: "Client satisfaction", value: KpiText.rating(now.satisfaction.meanRating),
                detail:
                    "mean rating · \(KpiText.percent(now.satisfaction.satisfied.value)) rated 4 or 5 · response rate \(KpiText.percent(now.satisfaction.responseRate.value))",
                previous: KpiText.rating(then.satisfaction.meanRating),
                change: KpiText.change(
                    now.satisfaction.meanRating, then.satisfaction.meanRating, lowerIsBetter: false),
                count:
                    "\(now.satisfaction.responseRate.numerator) answers of \(now.satisfaction.responseRate.denominator) surveys",
                href: links.drill(.satisfaction)),
            Card(
                id: "time-logged", title: "Time logged per resolved ticket",
                value: loggedNow.map(KpiText.minutes) ?? "–", detail: "mean of all work types; by ticket type below",
                previous: loggedThen.map(KpiText.minutes) ?? "–",
                change: KpiText.change(loggedNow, loggedThen, lowerIsBetter: true), count: "\(resolvedNow) tickets",
                href: links.drill(.reopens)),
        ]
    }

    private static func trends(figures: [KpiFigures], periods: [KpiPeriod], unit: KpiTrendUnit) -> [SvgTrendChart] {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let labels = periods.map { period in
            unit == .month
                ? "\(months[period.from.month - 1]) \(String(format: "%02d", period.from.year % 100))"
                : String(format: "%02d-%02d", period.from.month, period.from.day)
        }
        let axis = unit == .month ? "month" : "week starting Monday"
        func hours(_ value: Int?) -> Double? { value.map { Double($0) / 3_600 } }
        func clock(_ kind: SlaClockKind) -> [Double?] {
            figures.map { $0.slaCompliance.first { $0.clock == kind }?.rate.value.map { $0 * 100 } }
        }
        let percent: (Double) -> String = { String(format: "%.0f%%", $0) }
        return [
            SvgTrendChart(
                id: "trend-times", title: "Median response, restoration and resolution time", unit: "hours, business time",
                xAxis: axis, labels: labels,
                lines: [
                    .init(
                        name: "Response", color: KpiColors.series[0],
                        values: figures.map { hours($0.responseTime.business.p50Seconds) }),
                    .init(
                        name: "Restoration", color: KpiColors.series[1],
                        values: figures.map { hours($0.restorationTime.business.p50Seconds) }),
                    .init(
                        name: "Resolution", color: KpiColors.series[2],
                        values: figures.map { hours($0.resolutionTime.business.p50Seconds) }),
                ], format: { String(format: "%.1f h", $0) }),
            SvgTrendChart(
                id: "trend-sla", title: "SLA compliance by clock", unit: "% of clocks met", xAxis: axis, labels: labels,
                lines: [
                    .init(name: "Response", color: KpiColors.series[0], values: clock(.response)),
                    .init(name: "Restoration", color: KpiColors.series[1], values: clock(.restoration)),
                    .init(name: "Resolution", color: KpiColors.series[2], values: clock(.resolution)),
                ], maximum: 100, format: percent),
            SvgTrendChart(
                id: "trend-rates", title: "First contact resolution and reopen rate", unit: "% of resolved tickets",
                xAxis: axis, labels: labels,
                lines: [
                    .init(
                        name: "First contact resolution", color: KpiColors.series[0],
                        values: figures.map { $0.firstContactResolution.rate.value.map { $0 * 100 } }),
                    .init(
                        name: "Reopen rate", color: KpiColors.series[3],
                        values: figures.map { $0.reopenRate.rate.value.map { $0 * 100 } }),
                ], maximum: 100, format: percent),
            SvgTrendChart(
                id: "trend-volume", title: "Tickets resolved", unit: "tickets", xAxis: axis, labels: labels,
                bars: .init(
                    name: "Resolved", color: KpiColors.series[0],
                    values: figures.map { Double($0.resolutionTime.business.n) }),
                format: { String(format: "%.0f", $0) }),
            SvgTrendChart(
                id: "trend-satisfaction", title: "Client satisfaction", unit: "mean rating, 1 to 5", xAxis: axis,
                labels: labels,
                lines: [
                    .init(
                        name: "Mean rating", color: KpiColors.series[2], values: figures.map(\.satisfaction.meanRating))
                ], maximum: 5, format: { String(format: "%.1f", $0) }),
        ]
    }

    /// One line per engineer who resolved tickets in the period: their figures over the tickets they resolved.
    private static func scorecard(_ entries: [KpiScorecardReads.Entry], links: KpiLinks) -> [ScoreRow] {
        entries.map { entry in
            let figures = KpiFigures(totals: entry.totals)
            let resolution = figures.slaCompliance.first { $0.clock == .resolution }?.rate.value
            let id = entry.engineerID
            return ScoreRow(
                name: entry.name ?? "unknown", href: "/reports?" + links.with(engineer: id),
                resolved: entry.totals.resolved,
                resolvedHref: "/reports/tickets?" + links.with(engineer: id) + "&measure=resolution",
                resolution: KpiText.duration(figures.resolutionTime.business.p50Seconds.map(Double.init)),
                fcr: KpiText.percent(figures.firstContactResolution.rate.value),
                reopens: KpiText.percent(figures.reopenRate.rate.value), sla: KpiText.percent(resolution),
                rating: KpiText.rating(figures.satisfaction.meanRating),
                logged: KpiText.minutes(Double(entry.loggedMinutes) / Double(max(entry.totals.resolved, 1))))
        }.sorted { ($0.name, $0.href) < ($1.name, $1.href) }
    }

    private static func filters(req: Request, query: KpiQuery, trend: KpiTrendUnit, canSeeAll: Bool) async throws
        -> Filters
    {
        func options(_ pairs: [(String, String)], _ selected: String?) -> [PageOption] {
            pairs.map { PageOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        }
        let companies = try await CompanyModel.query(on: req.db).sort(\.$name).all()
        let queues = try await QueueModel.query(on: req.db).sort(\.$name).all()
        let engineers =
            canSeeAll
            ? try await UserModel.query(on: req.db).filter(\.$companyID == nil).sort(\.$name).all() : []
        struct TypeRow: Decodable { var type: String }
        let types = try await req.db.sql.raw(
            "SELECT DISTINCT type FROM ticket_kpi_facts WHERE type IS NOT NULL ORDER BY type"
        ).all(decoding: TypeRow.self)
        return Filters(
            from: query.period.from.description, to: query.period.to.description,
            companies: options(companies.map { ($0.id!.uuidString, $0.name) }, query.companyID?.uuidString),
            priorities: options(
                Priority.allCases.map { ($0.rawValue, $0.rawValue.uppercased()) }, query.priority?.rawValue),
            queues: options(queues.map { ($0.id!.uuidString, $0.name) }, query.queueID?.uuidString),
            engineers: options(engineers.map { ($0.id!.uuidString, $0.name) }, query.engineerID?.uuidString),
            types: options(types.map { ($0.type, $0.type) }, query.type),
            sources: options(
                TicketSource.kpiChannels.map { ($0, $0.replacingOccurrences(of: "_", with: " ")) }, query.channel),
            trends: options(
                [(KpiTrendUnit.week.rawValue, "by week"), (KpiTrendUnit.month.rawValue, "by month")], trend.rawValue))
    }
}
