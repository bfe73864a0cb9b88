import Foundation
import MendCore
import Vapor

/// The answer of `GET /api/v1/kpis` (docs/kpis.md): the figures of the period, each with the same members for the
/// period before under `previous`. A rate is `value`, `numerator`, `denominator` (and its counts beside); a time
/// is `n`, `meanSeconds`, `p50Seconds`, `p90Seconds` in `business` and `wall` seconds, `paused` apart.
struct KpiResponse: Content {
    struct Period: Codable, Sendable {
        var from: String
        var to: String
        /// Local midnight of `from` and of the day after `to`, in UTC: the period is start ..< end.
        var start: String
        var end: String

        init(_ period: KpiPeriod) {
            from = period.from.description
            to = period.to.description
            start = UTCText.format(period.start)
            end = UTCText.format(period.end)
        }
    }

    struct Filters: Codable, Sendable {
        var company: UUID?
        var priority: String?
        var queue: UUID?
        var engineer: UUID?
        var type: String?
        var source: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(company, forKey: .company)
            try container.encode(priority, forKey: .priority)
            try container.encode(queue, forKey: .queue)
            try container.encode(engineer, forKey: .engineer)
            try container.encode(type, forKey: .type)
            try container.encode(source, forKey: .source)
        }
    }

    struct Kpis: Codable, Sendable {
        var responseTime: Compared<MeasureFigure>
        var restorationTime: Compared<MeasureFigure>
        var resolutionTime: Compared<ResolutionTime>
        var slaCompliance: [String: Compared<CountedRate>]
        var firstContactResolution: Compared<CountedRate>
        var timeLoggedByType: Compared<LoggedTypes>
        var reopenRate: Compared<CountedRate>
        var satisfaction: Compared<KpiFigures.Satisfaction>
        var timeByStatus: Compared<StatusRows>
        var breachCauses: [String: Compared<KpiFigures.BreachCauses>]
    }

    var definitionsVersion: String
    var timeZone: String
    var period: Period
    var previousPeriod: Period
    var filters: Filters
    var kpis: Kpis

    init(query: KpiQuery, figures: (current: KpiFigures, previous: KpiFigures), timeZone: String) {
        let (now, before) = figures
        definitionsVersion = TicketKpis.definitionsVersion
        self.timeZone = timeZone
        period = Period(query.period)
        previousPeriod = Period(query.previous)
        filters = Filters(
            company: query.companyID, priority: query.priority?.rawValue, queue: query.queueID, engineer: query.engineerID,
            type: query.type, source: query.channel)
        kpis = Self.kpis(now, before)
    }

    /// The figures of a period beside those of the period before, as `kpis` answers them.
    static func kpis(_ now: KpiFigures, _ before: KpiFigures) -> Kpis {
        func compliance(_ figures: KpiFigures, _ clock: SlaClockKind) -> CountedRate {
            let found = figures.slaCompliance.first { $0.clock == clock }
            return CountedRate(
                rate: found?.rate ?? RateFigure(0, of: 0),
                counts: [
                    "met": found?.met ?? 0, "breached": found?.breached ?? 0, "transferred": found?.transferred ?? 0,
                    "notMeasured": found?.notMeasured ?? 0,
                ])
        }
        func causes(_ figures: KpiFigures, _ clock: SlaClockKind) -> KpiFigures.BreachCauses? {
            figures.breachCauses.first { $0.clock == clock }
        }
        return Kpis(
            responseTime: Compared(now.responseTime, before.responseTime),
            restorationTime: Compared(now.restorationTime, before.restorationTime),
            resolutionTime: Compared(
                ResolutionTime(measure: now.resolutionTime, resolvedAgain: now.resolvedAgain),
                ResolutionTime(measure: before.resolutionTime, resolvedAgain: before.resolvedAgain)),
            slaCompliance: Dictionary(
                uniqueKeysWithValues: SlaClockKind.allCases.map {
                    ($0.rawValue, Compared(compliance(now, $0), compliance(before, $0)))
                }),
            firstContactResolution: Compared(
                CountedRate(rate: now.firstContactResolution.rate, counts: ["leftTier2": now.firstContactResolution.leftTier2]),
                CountedRate(
                    rate: before.firstContactResolution.rate, counts: ["leftTier2": before.firstContactResolution.leftTier2])),
            timeLoggedByType: Compared(LoggedTypes(types: now.timeLoggedByType), LoggedTypes(types: before.timeLoggedByType)),
            reopenRate: Compared(
                CountedRate(rate: now.reopenRate.rate, counts: ["linkedFollowUps": now.reopenRate.linkedFollowUps]),
                CountedRate(rate: before.reopenRate.rate, counts: ["linkedFollowUps": before.reopenRate.linkedFollowUps])),
            satisfaction: Compared(now.satisfaction, before.satisfaction),
            timeByStatus: Compared(StatusRows(rows: now.timeByStatus), StatusRows(rows: before.timeByStatus)),
            breachCauses: Dictionary(
                uniqueKeysWithValues: now.breachCauses.compactMap { current in
                    causes(before, current.clock).map { (current.clock.rawValue, Compared(current, $0)) }
                }))
    }
}

/// A figure of the period with the same figure of the period before under `previous`.
struct Compared<Value: Codable & Sendable>: Codable, Sendable {
    var current: Value
    var previous: Value

    init(_ current: Value, _ previous: Value) {
        self.current = current
        self.previous = previous
    }

    private enum Key: String, CodingKey { case previous }

    init(from decoder: any Decoder) throws {
        current = try Value(from: decoder)
        previous = try decoder.container(keyedBy: Key.self).decode(Value.self, forKey: .previous)
    }

    func encode(to encoder: any Encoder) throws {
        try current.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(previous, forKey: .previous)
    }
}

/// A rate with the counts that go with it (met, breached, ...) as members beside `value`.
struct CountedRate: Codable, Sendable {
    var rate: RateFigure
    var counts: [String: Int]

    init(rate: RateFigure, counts: [String: Int]) {
        self.rate = rate
        self.counts = counts
    }

    init(from decoder: any Decoder) throws {
        rate = try RateFigure(from: decoder)
        let container = try decoder.container(keyedBy: AnyKey.self)
        counts = [:]
        for key in container.allKeys where !["value", "numerator", "denominator"].contains(key.stringValue) {
            counts[key.stringValue] = try container.decode(Int.self, forKey: key)
        }
    }

    func encode(to encoder: any Encoder) throws {
        try rate.encode(to: encoder)
        var container = encoder.container(keyedBy: AnyKey.self)
        for (name, count) in counts { try container.encode(count, forKey: AnyKey(name)) }
    }
}

/// The resolution time with how many of its tickets were resolved again (reported apart).
struct ResolutionTime: Codable, Sendable {
    var measure: MeasureFigure
    var resolvedAgain: Int

    init(measure: MeasureFigure, resolvedAgain: Int) {
        self.measure = measure
        self.resolvedAgain = resolvedAgain
    }

    private enum Key: String, CodingKey { case resolvedAgain }

    init(from decoder: any Decoder) throws {
        measure = try MeasureFigure(from: decoder)
        resolvedAgain = try decoder.container(keyedBy: Key.self).decode(Int.self, forKey: .resolvedAgain)
    }

    func encode(to encoder: any Encoder) throws {
        try measure.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(resolvedAgain, forKey: .resolvedAgain)
    }
}

struct LoggedTypes: Codable, Sendable {
    var types: [KpiFigures.LoggedTime]
}

struct StatusRows: Codable, Sendable {
    var rows: [KpiFigures.StatusTime]
}

/// A coding key of any name.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
