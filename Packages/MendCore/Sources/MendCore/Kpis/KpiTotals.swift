import Foundation

/// What a database adds up for one period, from which `KpiFigures` follow: counts, sums and the measured values
/// (percentiles need them all). The SQL aggregates of the server fill it; a test checks that the figures it gives
/// equal `KpiFigures(rows:period:)` over the same facts, so a dashboard never replays or decodes per ticket.
public struct KpiTotals: Sendable {
    /// The values of one measure that ended in the period.
    public struct Values: Sendable {
        public var business: [Int] = []
        public var wall: [Int] = []
        public var paused: [Int] = []
        public init() {}
    }

    /// One clock's outcomes in the period, and the resolved tickets it did not measure.
    public struct ClockCounts: Sendable {
        public var met = 0
        public var breached = 0
        public var transferred = 0
        public var notMeasured = 0
        public init() {}
    }

    /// Resolved tickets of one ticket type, with their logged minutes.
    public struct Logged: Sendable {
        public var tickets = 0
        public var minutes = 0
        public var byWork: [WorkType: Int] = [:]
        public init() {}
    }

    /// One measure's business time at one priority, by status.
    public struct StatusTime: Sendable {
        public var tickets = 0
        public var total = 0
        public var paused = 0
        public var byStatus: [TicketStatus: Int] = [:]
        public init() {}
    }

    /// How many breaches of one clock had this status at the breach, this longest status, and an unassigned spell.
    public struct BreachGroup: Sendable {
        public var clock: SlaClockKind
        public var statusAtBreach: TicketStatus
        public var longestStatus: TicketStatus
        public var unassigned: Bool
        public var count: Int
        public init(
            clock: SlaClockKind, statusAtBreach: TicketStatus, longestStatus: TicketStatus, unassigned: Bool, count: Int
        ) {
            self.clock = clock
            self.statusAtBreach = statusAtBreach
            self.longestStatus = longestStatus
            self.unassigned = unassigned
            self.count = count
        }
    }

    public var measures: [SlaClockKind: Values] = [:]
    /// Tickets resolved in the period and more than once.
    public var resolvedAgain = 0
    public var clocks: [SlaClockKind: ClockCounts] = [:]
    /// Resolved tickets judged for first contact resolution, and those resolved at first contact.
    public var fcrJudged = 0
    public var fcrYes = 0
    public var leftTier2 = 0
    /// Tickets resolved in the period, those reopened, and those with linked follow-ups.
    public var resolved = 0
    public var reopened = 0
    public var linkedFollowUps = 0
    /// Surveys sent in the period, and how many answers gave each rating.
    public var surveyed = 0
    public var ratings: [Int: Int] = [:]
    /// By ticket type (nil: no type).
    public var logged: [String?: Logged] = [:]
    public var statusTime: [SlaClockKind: [Priority: StatusTime]] = [:]
    public var breaches: [BreachGroup] = []

    public init() {}
}

extension KpiFigures {
    /// The figures of what a database added up: the same definitions as `init(rows:period:)`.
    public init(totals: KpiTotals) {
        func measure(_ kind: SlaClockKind) -> MeasureFigure {
            let values = totals.measures[kind] ?? KpiTotals.Values()
            return MeasureFigure(business: values.business, wall: values.wall, paused: values.paused)
        }
        responseTime = measure(.response)
        restorationTime = measure(.restoration)
        resolutionTime = measure(.resolution)
        resolvedAgain = totals.resolvedAgain
        slaCompliance = SlaClockKind.allCases.map { kind in
            let counts = totals.clocks[kind] ?? KpiTotals.ClockCounts()
            return Compliance(
                clock: kind, rate: RateFigure(counts.met, of: counts.met + counts.breached), met: counts.met,
                breached: counts.breached, transferred: counts.transferred, notMeasured: counts.notMeasured)
        }
        firstContactResolution = FirstContact(
            rate: RateFigure(totals.fcrYes, of: totals.fcrJudged), leftTier2: totals.leftTier2)
        timeLoggedByType = totals.logged.filter { $0.value.tickets > 0 }.map { type, logged in
            var byWork: [WorkType: Double] = [:]
            for (work, minutes) in logged.byWork where minutes > 0 {
                byWork[work] = Double(minutes) / Double(logged.tickets)
            }
            return LoggedTime(
                type: type, tickets: logged.tickets, meanMinutes: Double(logged.minutes) / Double(logged.tickets),
                meanMinutesByWorkType: byWork)
        }.sorted { ($0.type ?? "") < ($1.type ?? "") }
        reopenRate = Reopens(
            rate: RateFigure(totals.reopened, of: totals.resolved), linkedFollowUps: totals.linkedFollowUps)
        let answers = totals.ratings.values.reduce(0, +)
        let sum = totals.ratings.map { $0.key * $0.value }.reduce(0, +)
        satisfaction = Satisfaction(
            meanRating: answers == 0 ? nil : Double(sum) / Double(answers),
            satisfied: RateFigure(totals.ratings.filter { $0.key >= 4 }.values.reduce(0, +), of: answers),
            responseRate: RateFigure(answers, of: totals.surveyed))
        let measured: [SlaClockKind] = [.response, .restoration, .resolution]
        timeByStatus = measured.flatMap { kind in
            Priority.allCases.compactMap { priority -> StatusTime? in
                guard let entry = totals.statusTime[kind]?[priority], entry.tickets > 0 else { return nil }
                return StatusTime(
                    clock: kind, priority: priority, tickets: entry.tickets, totalSeconds: entry.total,
                    pausedSeconds: entry.paused, secondsByStatus: entry.byStatus.filter { $0.value != 0 })
            }
        }
        breachCauses = measured.map { kind in
            let groups = totals.breaches.filter { $0.clock == kind && $0.count > 0 }
            var atBreach: [TicketStatus: Int] = [:]
            var longest: [TicketStatus: Int] = [:]
            for group in groups {
                atBreach[group.statusAtBreach, default: 0] += group.count
                longest[group.longestStatus, default: 0] += group.count
            }
            return BreachCauses(
                clock: kind, breaches: groups.map(\.count).reduce(0, +), statusAtBreach: atBreach,
                longestStatus: longest, unassigned: groups.filter(\.unassigned).map(\.count).reduce(0, +))
        }
    }
}

extension MeasureFigure {
    init(business: [Int], wall: [Int], paused: [Int]) {
        self.business = TimeFigure(business)
        self.wall = TimeFigure(wall)
        self.paused = TimeFigure(paused)
    }
}
