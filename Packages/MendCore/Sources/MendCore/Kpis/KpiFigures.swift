import Foundation

/// Durations summed up: how many, their mean, and their median and 90th percentile by nearest rank (the value at
/// rank ceil(p × n / 100) of the sorted list), so every figure is one of the exported values or their mean.
public struct TimeFigure: Sendable, Equatable, Codable {
    public var n: Int
    public var meanSeconds: Double?
    public var p50Seconds: Int?
    public var p90Seconds: Int?

    public init(_ values: [Int]) {
        n = values.count
        let sorted = values.sorted()
        meanSeconds = n == 0 ? nil : Double(values.reduce(0, +)) / Double(n)
        p50Seconds = Self.rank(50, of: sorted)
        p90Seconds = Self.rank(90, of: sorted)
    }

    /// Absent figures are written as null, not left out: a reader sees every member whatever the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(meanSeconds, forKey: .meanSeconds)
        try container.encode(p50Seconds, forKey: .p50Seconds)
        try container.encode(p90Seconds, forKey: .p90Seconds)
    }

    /// The nearest-rank percentile of an ascending list.
    public static func rank(_ percent: Int, of sorted: [Int]) -> Int? {
        guard !sorted.isEmpty else { return nil }
        return sorted[max(0, (percent * sorted.count + 99) / 100 - 1)]
    }
}

/// A share: `numerator` of `denominator`, `value` nil when there is nothing to share.
public struct RateFigure: Sendable, Equatable, Codable {
    public var value: Double?
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
        value = denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// `value` is written as null when there is nothing to share, not left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(numerator, forKey: .numerator)
        try container.encode(denominator, forKey: .denominator)
    }
}

/// A measured time in business and in wall-clock seconds; `paused` is the business time in paused statuses.
public struct MeasureFigure: Sendable, Equatable, Codable {
    public var business: TimeFigure
    public var wall: TimeFigure
    public var paused: TimeFigure

    init(_ measures: [TicketKpiFacts.Measure]) {
        business = TimeFigure(measures.map(\.businessSeconds))
        wall = TimeFigure(measures.map(\.wallSeconds))
        paused = TimeFigure(measures.map(\.pausedSeconds))
    }
}

/// One ticket's facts with what the figures group by.
public struct KpiRow: Sendable, Equatable {
    public var facts: TicketKpiFacts
    public var priority: Priority
    /// The ticket type; nil when it has none.
    public var type: String?

    public init(facts: TicketKpiFacts, priority: Priority, type: String?) {
        self.facts = facts
        self.priority = priority
        self.type = type
    }
}

/// The figures of one period (docs/kpis.md), each from the tickets whose measure ended in it.
public struct KpiFigures: Sendable, Equatable, Codable {
    public struct Compliance: Sendable, Equatable, Codable {
        public var clock: SlaClockKind
        public var rate: RateFigure
        public var met, breached, transferred, notMeasured: Int
    }

    public struct FirstContact: Sendable, Equatable, Codable {
        public var rate: RateFigure
        /// Tickets that left Tier 2 in the period (escalated out, handed off): outside the denominator.
        public var leftTier2: Int
    }

    public struct LoggedTime: Sendable, Equatable, Codable {
        public var type: String?
        public var tickets: Int
        public var meanMinutes: Double
        /// The mean per resolved ticket of each work type's minutes; they add up to `meanMinutes`.
        public var meanMinutesByWorkType: [WorkType: Double]

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(tickets, forKey: .tickets)
            try container.encode(meanMinutes, forKey: .meanMinutes)
            try container.encode(meanMinutesByWorkType, forKey: .meanMinutesByWorkType)
        }
    }

    public struct Reopens: Sendable, Equatable, Codable {
        public var rate: RateFigure
        /// Tickets of the denominator the client asked to reopen after the window: a linked ticket, counted apart.
        public var linkedFollowUps: Int
    }

    public struct Satisfaction: Sendable, Equatable, Codable {
        public var meanRating: Double?
        /// Ratings of 4 or 5 among the answers.
        public var satisfied: RateFigure
        /// Answers among the surveys sent.
        public var responseRate: RateFigure

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(meanRating, forKey: .meanRating)
            try container.encode(satisfied, forKey: .satisfied)
            try container.encode(responseRate, forKey: .responseRate)
        }
    }

    public struct StatusTime: Sendable, Equatable, Codable {
        public var clock: SlaClockKind
        public var priority: Priority
        public var tickets: Int
        public var totalSeconds: Int
        public var pausedSeconds: Int
        public var secondsByStatus: [TicketStatus: Int]
    }

    public struct BreachCauses: Sendable, Equatable, Codable {
        public var clock: SlaClockKind
        public var breaches: Int
        public var statusAtBreach: [TicketStatus: Int]
        public var longestStatus: [TicketStatus: Int]
        public var unassigned: Int
    }

    public var responseTime: MeasureFigure
    public var restorationTime: MeasureFigure
    public var resolutionTime: MeasureFigure
    /// Tickets of `resolutionTime` resolved more than once (a second resolution is reported apart).
    public var resolvedAgain: Int
    public var slaCompliance: [Compliance]
    public var firstContactResolution: FirstContact
    public var timeLoggedByType: [LoggedTime]
    public var reopenRate: Reopens
    public var satisfaction: Satisfaction
    public var timeByStatus: [StatusTime]
    public var breachCauses: [BreachCauses]

    /// The figures of `rows` for `period`; rows outside it count for nothing.
    public init(rows: [KpiRow], period: KpiPeriod) {
        let measured: [SlaClockKind] = [.response, .restoration, .resolution]
        let resolved = rows.filter { KpiDrill.resolution.includes($0.facts, in: period) }
        responseTime = MeasureFigure(
            rows.filter { KpiDrill.response.includes($0.facts, in: period) }.compactMap(\.facts.response))
        restorationTime = MeasureFigure(
            rows.filter { KpiDrill.restoration.includes($0.facts, in: period) }.compactMap(\.facts.restoration))
        resolutionTime = MeasureFigure(resolved.compactMap(\.facts.resolution))
        resolvedAgain = resolved.filter { $0.facts.resolutions > 1 }.count

        slaCompliance = SlaClockKind.allCases.map { kind in
            let ended = rows.filter { KpiDrill.compliance(kind).includes($0.facts, in: period) }.compactMap {
                $0.facts.clocks[kind]
            }
            let met = ended.filter { $0.outcome == .met }.count
            let breached = ended.filter { $0.outcome == .breached }.count
            return Compliance(
                clock: kind, rate: RateFigure(met, of: met + breached), met: met, breached: breached,
                transferred: ended.filter { $0.outcome == .transferred }.count,
                notMeasured: resolved.filter { ($0.facts.clocks[kind]?.outcome ?? .notMeasured) == .notMeasured }.count)
        }

        let judged = resolved.compactMap(\.facts.firstContactResolution)
        firstContactResolution = FirstContact(
            rate: RateFigure(judged.filter { $0 }.count, of: judged.count),
            leftTier2: rows.filter { KpiDrill.leftTier2.includes($0.facts, in: period) }.count)

        timeLoggedByType = Dictionary(grouping: resolved, by: \.type).map { type, group in
            var byWork: [WorkType: Double] = [:]
            for work in WorkType.allCases {
                let minutes = group.map { $0.facts.loggedMinutes[work] ?? 0 }.reduce(0, +)
                if minutes > 0 { byWork[work] = Double(minutes) / Double(group.count) }
            }
            return LoggedTime(
                type: type, tickets: group.count,
                meanMinutes: Double(group.map(\.facts.totalLoggedMinutes).reduce(0, +)) / Double(group.count),
                meanMinutesByWorkType: byWork)
        }.sorted { ($0.type ?? "") < ($1.type ?? "") }

        reopenRate = Reopens(
            rate: RateFigure(resolved.filter(\.facts.reopened).count, of: resolved.count),
            linkedFollowUps: resolved.filter { $0.facts.linkedFollowUps > 0 }.count)

        let surveyed = rows.filter { KpiDrill.satisfaction.includes($0.facts, in: period) }
        let ratings = surveyed.compactMap(\.facts.rating)
        satisfaction = Satisfaction(
            meanRating: ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count),
            satisfied: RateFigure(ratings.filter { $0 >= 4 }.count, of: ratings.count),
            responseRate: RateFigure(ratings.count, of: surveyed.count))

        timeByStatus = measured.flatMap { kind in
            Priority.allCases.compactMap { priority -> StatusTime? in
                let measures = rows.filter { $0.priority == priority }.compactMap { $0.facts.measure(kind) }
                    .filter { period.contains($0.endedAt) }
                guard !measures.isEmpty else { return nil }
                var seconds: [TicketStatus: Int] = [:]
                for measure in measures { seconds.merge(measure.secondsByStatus, uniquingKeysWith: +) }
                return StatusTime(
                    clock: kind, priority: priority, tickets: measures.count,
                    totalSeconds: measures.map(\.businessSeconds).reduce(0, +),
                    pausedSeconds: measures.map(\.pausedSeconds).reduce(0, +),
                    // A status passed through outside business hours adds nothing, and is not listed.
                    secondsByStatus: seconds.filter { $0.value != 0 })
            }
        }

        breachCauses = measured.map { kind in
            let causes = rows.filter { KpiDrill.breaches(kind).includes($0.facts, in: period) }
                .flatMap { $0.facts.breaches.filter { $0.clock == kind } }
            return BreachCauses(
                clock: kind, breaches: causes.count,
                statusAtBreach: Dictionary(grouping: causes, by: \.statusAtBreach).mapValues(\.count),
                longestStatus: Dictionary(grouping: causes, by: \.longestStatus).mapValues(\.count),
                unassigned: causes.filter(\.wasUnassigned).count)
        }
    }
}
