import Foundation
import MendCore
import Vapor

/// The client service review page (`/reports/clients/{id}?month=YYYY-MM`): one client's month as the client reads
/// it, in the portal or printed to PDF. Every figure is from `ClientReviewResponse`, the API's answer; staff also
/// get the controls to mail it and to have it sent each month.
struct ClientReviewPage: Encodable {
    struct Figure: Encodable {
        var id: String
        var title: String
        var value: String
        var detail: String
        var previous: String
        var change: KpiText.Change
    }

    struct ComplianceRow: Encodable {
        var clock: String
        var rate: String
        var met: Int
        var breached: Int
        var transferred: Int
        var previous: String
        var change: KpiText.Change
    }

    struct TicketRow: Encodable {
        var number: String
        var href: String
        var summary: String
        var priority: String
        var status: String
        var opened: String
        var resolved: String
        var resolution: String
        var responseSla: String
        var resolutionSla: String
    }

    struct BreachRow: Encodable {
        var number: String
        var href: String
        var summary: String
        var priority: String
        var clock: String
        var when: String
        var atBreach: String
        var longest: String
    }

    struct CommentRow: Encodable {
        var number: String
        var href: String
        var rating: String
        var comment: String
        var when: String
    }

    var layout: LayoutContext
    var companyID: String
    var company: String
    var month: String
    var title: String
    var period: String
    var timeZone: String
    var definitionsVersion: String
    var jsonHref: String
    var months: [PageOption]
    var figures: [Figure]
    var compliance: [ComplianceRow]
    var statusChart: SvgStatusBars
    var legend: [SvgStatusBars.Legend]
    var tickets: [TicketRow]
    var breaches: [BreachRow]
    /// Per clock: how many breached, and the statuses they breached in.
    var causes: [String]
    var comments: [CommentRow]
    var trends: [SvgTrendChart]
    var deliveries: [String]
    var isStaff: Bool
    /// Staff may mail a month that has ended.
    var canMail: Bool
    var canChangeDelivery: Bool
    var deliveryOptions: [PageOption]
    var notice: String?
    /// A refused mail or delivery form, shown above the controls.
    var refusal: FormRefusal.View?

    init(req: Request, review: ClientReviewResponse, current: ReviewMonth, notice: String?) throws {
        let principal = try req.principal()
        let zone = req.mend.config.timeZone  // the review month's days, as in the KPI export
        let month = ReviewMonth(review.month) ?? current
        layout = LayoutContext(req, title: "Service review: \(review.company.name), \(review.title)")
        companyID = review.company.id.uuidString
        company = review.company.name
        self.month = review.month
        title = review.title
        period = "\(review.period.from) to \(review.period.to)"
        timeZone = zone
        definitionsVersion = review.definitionsVersion
        jsonHref = "/api/v1/companies/\(companyID)/reviews/\(review.month)"
        months = (0..<12).map { current.adding(months: -$0) }.map {
            PageOption(value: $0.description, label: $0.title, selected: $0 == month)
        }
        isStaff = !principal.isClient
        canMail = isStaff && month < current
        canChangeDelivery = isStaff && principal.can(.companiesEdit)
        deliveryOptions = [
            PageOption(
                value: ReviewDelivery.onDemand.rawValue, label: "When we send it", selected: review.delivery == "on_demand"),
            PageOption(
                value: ReviewDelivery.monthly.rawValue, label: "Each month, on the first working day",
                selected: review.delivery == "monthly"),
        ]
        self.notice = notice
        let kpis = review.kpis
        figures = Self.figures(review)
        compliance = [SlaClockKind.response, .restoration, .resolution, .update].compactMap { clock in
            guard let rate = kpis.slaCompliance[clock.rawValue] else { return nil }
            return ComplianceRow(
                clock: clock.title, rate: KpiText.percent(rate.current.rate.value), met: rate.current.counts["met"] ?? 0,
                breached: rate.current.counts["breached"] ?? 0, transferred: rate.current.counts["transferred"] ?? 0,
                previous: KpiText.percent(rate.previous.rate.value),
                change: KpiText.change(rate.current.rate.value, rate.previous.rate.value, lowerIsBetter: false, points: true))
        }
        statusChart = SvgStatusBars(
            id: "review-status", title: "Where the business time went, by clock",
            rows: review.timeByClock.map { entry in
                SvgStatusBars.Input(
                    label: entry.clock.title, tickets: entry.tickets, totalSeconds: entry.totalSeconds,
                    pausedSeconds: entry.pausedSeconds, seconds: entry.secondsByStatus)
            }, labelWidth: 100)
        legend = SvgStatusBars.legend(review.timeByClock.map(\.secondsByStatus))
        func status(_ raw: String) -> String { TicketStatus(rawValue: raw)?.title ?? raw }
        func outcome(_ raw: String?) -> String { raw.map { $0.replacingOccurrences(of: "_", with: " ") } ?? "–" }
        tickets = review.tickets.map { ticket in
            TicketRow(
                number: ticket.number, href: "/tickets/\(ticket.number)", summary: ticket.summary,
                priority: ticket.priority.uppercased(), status: status(ticket.status),
                opened: WebFormat.time(ticket.openedAt),
                resolved: ticket.resolvedAt.map { WebFormat.time($0) } ?? "–",
                resolution: ticket.resolutionBusinessSeconds.map(KpiText.duration) ?? "–",
                responseSla: outcome(ticket.sla["response"]), resolutionSla: outcome(ticket.sla["resolution"]))
        }
        breaches = review.breaches.map { breach in
            BreachRow(
                number: breach.number, href: "/tickets/\(breach.number)", summary: breach.summary,
                priority: breach.priority.uppercased(), clock: SlaClockKind(rawValue: breach.clock)?.title ?? breach.clock,
                when: WebFormat.time(breach.breachedAt), atBreach: status(breach.statusAtBreach),
                longest: status(breach.longestStatus))
        }
        causes = [SlaClockKind.response, .restoration, .resolution, .update].compactMap { clock in
            guard let cause = kpis.breachCauses[clock.rawValue]?.current, cause.breaches > 0 else { return nil }
            let ranked = KpiText.byCount(cause.statusAtBreach).map { "\($0.status.title) (\($0.count))" }
                .joined(separator: ", ")
            return "\(clock.title): \(cause.breaches) breach\(cause.breaches == 1 ? "" : "es"); the ticket was then \(ranked)."
        }
        comments = review.comments.map { answer in
            CommentRow(
                number: answer.number, href: "/tickets/\(answer.number)",
                rating: answer.rating.map { "\($0) / 5" } ?? "no rating", comment: answer.comment ?? "",
                when: WebFormat.time(answer.answeredAt))
        }
        trends = Self.trends(review.trend)
        deliveries = review.deliveries.map { delivery in
            "\(WebFormat.time(delivery.sentAt)): to \(delivery.recipients) contact\(delivery.recipients == 1 ? "" : "s")"
                + (delivery.scheduled ? ", by the monthly schedule" : "")
        }
    }

    private static func figures(_ review: ClientReviewResponse) -> [Figure] {
        let kpis = review.kpis
        func time(_ id: String, _ title: String, _ now: MeasureFigure, _ then: MeasureFigure) -> Figure {
            Figure(
                id: id, title: title, value: KpiText.duration(now.business.p50Seconds.map(Double.init)),
                detail:
                    "median in business hours over \(now.business.n) tickets · 90% within \(KpiText.duration(now.business.p90Seconds.map(Double.init)))",
                previous: KpiText.duration(then.business.p50Seconds.map(Double.init)),
                change: KpiText.change(
                    now.business.p50Seconds.map(Double.init), then.business.p50Seconds.map(Double.init), lowerIsBetter: true))
        }
        let satisfaction = kpis.satisfaction
        return [
            time("response-time", "Response time", kpis.responseTime.current, kpis.responseTime.previous),
            time(
                "resolution-time", "Resolution time", kpis.resolutionTime.current.measure,
                kpis.resolutionTime.previous.measure),
            Figure(
                id: "first-contact-resolution", title: "Resolved at first contact",
                value: KpiText.percent(kpis.firstContactResolution.current.rate.value),
                detail:
                    "\(kpis.firstContactResolution.current.rate.numerator) of \(kpis.firstContactResolution.current.rate.denominator) resolved tickets, by the first engineer alone",
                previous: KpiText.percent(kpis.firstContactResolution.previous.rate.value),
                change: KpiText.change(
                    kpis.firstContactResolution.current.rate.value, kpis.firstContactResolution.previous.rate.value,
                    lowerIsBetter: false, points: true)),
            Figure(
                id: "satisfaction", title: "Your satisfaction", value: KpiText.rating(satisfaction.current.meanRating),
                detail:
                    "\(KpiText.percent(satisfaction.current.satisfied.value)) rated 4 or 5 · \(satisfaction.current.responseRate.numerator) answers of \(satisfaction.current.responseRate.denominator) surveys",
                previous: KpiText.rating(satisfaction.previous.meanRating),
                change: KpiText.change(satisfaction.current.meanRating, satisfaction.previous.meanRating, lowerIsBetter: false)),
        ]
    }

    private static func trends(_ points: [ClientReviewResponse.TrendPoint]) -> [SvgTrendChart] {
        let labels = points.compactMap { ReviewMonth($0.month) }.map { String($0.title.prefix(3)) + " \($0.year % 100)" }
        let percent: (Double) -> String = { String(format: "%.0f%%", $0) }
        return [
            SvgTrendChart(
                id: "review-trend-sla", title: "SLA met, last six months", unit: "% of clocks met", xAxis: "month",
                labels: labels,
                lines: [
                    .init(name: "Response", color: KpiColors.series[0], values: points.map { $0.responseSla.map { $0 * 100 } }),
                    .init(
                        name: "Resolution", color: KpiColors.series[2], values: points.map { $0.resolutionSla.map { $0 * 100 } }),
                ], maximum: 100, format: percent),
            SvgTrendChart(
                id: "review-trend-resolved", title: "Tickets resolved, last six months", unit: "tickets", xAxis: "month",
                labels: labels,
                bars: .init(name: "Resolved", color: KpiColors.series[0], values: points.map { Double($0.resolved) }),
                format: { String(format: "%.0f", $0) }),
            SvgTrendChart(
                id: "review-trend-time", title: "Median resolution time, last six months", unit: "hours, business time",
                xAxis: "month", labels: labels,
                lines: [
                    .init(
                        name: "Resolution", color: KpiColors.series[1],
                        values: points.map { $0.resolutionP50Seconds.map { Double($0) / 3_600 } })
                ], format: { String(format: "%.1f h", $0) }),
        ]
    }
}
