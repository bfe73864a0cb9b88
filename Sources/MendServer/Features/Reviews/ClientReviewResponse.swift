import Foundation
import MendCore
import Vapor

/// The answer of `GET /api/v1/companies/{id}/reviews/{month}`: one client's service review (docs/kpis.md). `kpis`
/// equals `/api/v1/kpis` with this company and month; the rest is what the client reads beside it. Onstage only:
/// no engineer's name, no note, nothing backstage.
struct ClientReviewResponse: Content {
    struct Company: Codable {
        var id: UUID
        var name: String
    }

    struct Ticket: Codable {
        var number: String
        var summary: String
        var priority: String
        var status: String
        var openedAt: Date
        var resolvedAt: Date?
        var resolutionBusinessSeconds: Int?
        /// The SLA outcome per clock (met, breached, transferred, not_measured, open); absent clocks are not shown.
        var sla: [String: String]
    }

    struct Breach: Codable {
        var number: String
        var summary: String
        var priority: String
        var clock: String
        var breachedAt: Date
        var statusAtBreach: String
        var longestStatus: String
    }

    struct Comment: Codable {
        var number: String
        var rating: Int?
        var comment: String?
        var answeredAt: Date
    }

    struct TrendPoint: Codable {
        var month: String
        var resolved: Int
        var responseSla: Double?
        var resolutionSla: Double?
        var resolutionP50Seconds: Int?
        var meanRating: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(month, forKey: .month)
            try container.encode(resolved, forKey: .resolved)
            try container.encode(responseSla, forKey: .responseSla)
            try container.encode(resolutionSla, forKey: .resolutionSla)
            try container.encode(resolutionP50Seconds, forKey: .resolutionP50Seconds)
            try container.encode(meanRating, forKey: .meanRating)
        }
    }

    struct Delivery: Codable {
        var sentAt: Date
        var recipients: Int
        /// Sent by the monthly schedule rather than by someone.
        var scheduled: Bool
    }

    var company: Company
    var month: String
    var title: String
    var definitionsVersion: String
    var timeZone: String
    var period: KpiResponse.Period
    var previousPeriod: KpiResponse.Period
    var delivery: String
    var kpis: KpiResponse.Kpis
    var timeByClock: [ClientReview.ClockTime]
    var tickets: [Ticket]
    var breaches: [Breach]
    var comments: [Comment]
    var trend: [TrendPoint]
    var deliveries: [Delivery]

    init(_ loaded: ClientReviewReads.Loaded, timeZone: String) throws {
        let now = KpiFigures(rows: loaded.rows, period: loaded.period)
        let before = KpiFigures(rows: loaded.rows, period: loaded.previous)
        company = Company(id: try loaded.company.requireID(), name: loaded.company.name)
        month = loaded.month.description
        title = loaded.month.title
        definitionsVersion = TicketKpis.definitionsVersion
        self.timeZone = timeZone
        period = KpiResponse.Period(loaded.period)
        previousPeriod = KpiResponse.Period(loaded.previous)
        delivery = loaded.company.delivery.rawValue
        kpis = KpiResponse.kpis(now, before)
        timeByClock = ClientReview.timeByClock(now)
        tickets = loaded.tickets.map { line in
            Ticket(
                number: TicketNumber.format(line.ticket.number), summary: line.ticket.summary,
                priority: line.ticket.priority, status: line.ticket.status, openedAt: line.ticket.created_at,
                resolvedAt: line.facts?.resolution?.endedAt,
                resolutionBusinessSeconds: line.facts?.resolution?.businessSeconds,
                sla: Dictionary(
                    uniqueKeysWithValues: (line.facts?.clocks ?? [:]).map { ($0.key.rawValue, $0.value.outcome.rawValue) }))
        }
        breaches = loaded.tickets.flatMap { line in
            (line.facts.map { ClientReview.breaches(of: $0, in: loaded.period) } ?? []).map { cause in
                Breach(
                    number: TicketNumber.format(line.ticket.number), summary: line.ticket.summary,
                    priority: line.ticket.priority, clock: cause.clock.rawValue, breachedAt: cause.breachedAt,
                    statusAtBreach: cause.statusAtBreach.rawValue, longestStatus: cause.longestStatus.rawValue)
            }
        }.sorted { ($0.breachedAt, $0.number) < ($1.breachedAt, $1.number) }
        comments = loaded.comments.map {
            Comment(number: TicketNumber.format($0.number), rating: $0.rating, comment: $0.comment, answeredAt: $0.answered_at)
        }
        trend = loaded.trend.map { period in
            let figures = KpiFigures(rows: loaded.rows, period: period)
            func met(_ clock: SlaClockKind) -> Double? { figures.slaCompliance.first { $0.clock == clock }?.rate.value }
            return TrendPoint(
                month: ReviewMonth(year: period.from.year, month: period.from.month).description,
                resolved: figures.resolutionTime.business.n, responseSla: met(.response), resolutionSla: met(.resolution),
                resolutionP50Seconds: figures.resolutionTime.business.p50Seconds,
                meanRating: figures.satisfaction.meanRating)
        }
        deliveries = loaded.deliveries.map {
            Delivery(sentAt: $0.sentAt, recipients: $0.recipients, scheduled: $0.sentBy == nil)
        }
    }
}
