import Foundation

/// The KPI facts of one ticket (docs/kpis.md): what each measure came to, from which dashboards add up.
public struct TicketKpiFacts: Sendable, Equatable, Codable {
    /// One measure from the start of Tier 2's clocks to its end: response, restoration or resolution.
    public struct Measure: Sendable, Equatable, Codable {
        /// The event that ended the measure; it puts the ticket in a period.
        public var endedAt: Instant
        /// Business seconds on the measure's calendar (the calendar its SLA clock uses), paused time included.
        public var businessSeconds: Int
        public var wallSeconds: Int
        /// The business seconds spent in statuses that pause this measure's clock, shown apart.
        public var pausedSeconds: Int
        /// Where the business seconds went, by the status the ticket was in.
        public var secondsByStatus: [TicketStatus: Int]

        public init(
            endedAt: Instant, businessSeconds: Int, wallSeconds: Int, pausedSeconds: Int,
            secondsByStatus: [TicketStatus: Int]
        ) {
            self.endedAt = endedAt
            self.businessSeconds = businessSeconds
            self.wallSeconds = wallSeconds
            self.pausedSeconds = pausedSeconds
            self.secondsByStatus = secondsByStatus
        }
    }

    /// How a clock ended; `open` while it still counts or may count again.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case met, breached, transferred, open
        case notMeasured = "not_measured"
    }

    /// A clock's outcome and when it came to it (nil while open or when the policy does not measure it).
    public struct Clock: Sendable, Equatable, Codable {
        public var outcome: Outcome
        public var at: Instant?

        public init(outcome: Outcome, at: Instant?) {
            self.outcome = outcome
            self.at = at
        }
    }

    /// Why a clock broke: the status when it breached, the status that took most of its counted time, and whether
    /// the ticket sat with nobody before the breach.
    public struct BreachCause: Sendable, Equatable, Codable {
        public var clock: SlaClockKind
        public var breachedAt: Instant
        public var statusAtBreach: TicketStatus
        public var longestStatus: TicketStatus
        public var wasUnassigned: Bool

        public init(
            clock: SlaClockKind, breachedAt: Instant, statusAtBreach: TicketStatus, longestStatus: TicketStatus,
            wasUnassigned: Bool
        ) {
            self.clock = clock
            self.breachedAt = breachedAt
            self.statusAtBreach = statusAtBreach
            self.longestStatus = longestStatus
            self.wasUnassigned = wasUnassigned
        }
    }

    public var startedAt: Instant
    public var firstAssignee: UUID?
    /// The engineer who resolved it the first time: who made the move, or the assignee when Mend made it.
    public var resolvedBy: UUID?
    public var response: Measure?
    public var restoration: Measure?
    /// To the first Resolved; a reopened ticket keeps it.
    public var resolution: Measure?
    /// How many times the ticket was resolved, and when last (reported apart from the first resolution).
    public var resolutions: Int
    public var lastResolvedAt: Instant?
    /// When the ticket first left Tier 2 by escalation out or handoff, and to which status.
    public var exitedAt: Instant?
    public var exitStatus: TicketStatus?
    public var clocks: [SlaClockKind: Clock]
    /// Client updates missed by the update cadence.
    public var updateMisses: Int
    public var breaches: [BreachCause]
    /// First contact resolution: nil when not resolved or when the ticket left Tier 2.
    public var firstContactResolution: Bool?
    /// Reopened after its first resolution (a reopen is only possible within the window).
    public var reopened: Bool
    /// Linked tickets opened because the client asked to reopen after the window.
    public var linkedFollowUps: Int
    public var loggedMinutes: [WorkType: Int]
    public var surveySentAt: Instant?
    public var rating: Int?

    public init(
        startedAt: Instant, firstAssignee: UUID?, resolvedBy: UUID?, response: Measure?, restoration: Measure?,
        resolution: Measure?, resolutions: Int, lastResolvedAt: Instant?, exitedAt: Instant?, exitStatus: TicketStatus?,
        clocks: [SlaClockKind: Clock], updateMisses: Int, breaches: [BreachCause], firstContactResolution: Bool?,
        reopened: Bool, linkedFollowUps: Int, loggedMinutes: [WorkType: Int], surveySentAt: Instant?, rating: Int?
    ) {
        self.startedAt = startedAt
        self.firstAssignee = firstAssignee
        self.resolvedBy = resolvedBy
        self.response = response
        self.restoration = restoration
        self.resolution = resolution
        self.resolutions = resolutions
        self.lastResolvedAt = lastResolvedAt
        self.exitedAt = exitedAt
        self.exitStatus = exitStatus
        self.clocks = clocks
        self.updateMisses = updateMisses
        self.breaches = breaches
        self.firstContactResolution = firstContactResolution
        self.reopened = reopened
        self.linkedFollowUps = linkedFollowUps
        self.loggedMinutes = loggedMinutes
        self.surveySentAt = surveySentAt
        self.rating = rating
    }

    /// All minutes logged on the ticket.
    public var totalLoggedMinutes: Int { loggedMinutes.values.reduce(0, +) }

    /// Every instant that puts the ticket in a period for some KPI: the ends of its measures and clocks, its exit
    /// from Tier 2 and its survey. Empty while nothing has ended.
    public var endInstants: [Instant] {
        [response?.endedAt, restoration?.endedAt, resolution?.endedAt, exitedAt, surveySentAt]
            .compactMap { $0 } + clocks.values.compactMap(\.at)
    }

    /// The measure a clock kind names (the update cadence has none).
    public func measure(_ kind: SlaClockKind) -> Measure? {
        switch kind {
        case .response: response
        case .restoration: restoration
        case .resolution: resolution
        case .update: nil
        }
    }
}

/// The survey sent for a ticket, as the KPI facts need it.
public struct SurveyFact: Sendable, Equatable {
    public var sentAt: Instant
    public var rating: Int?

    public init(sentAt: Instant, rating: Int?) {
        self.sentAt = sentAt
        self.rating = rating
    }
}

extension TicketSource {
    /// The channel KPIs are cut by: direct (phone, mail, portal), Tier 1 escalation, after-hours on-call or
    /// monitoring alert.
    public var kpiChannel: String {
        switch self {
        case .phone, .email, .portal: "direct"
        case .tier1Escalation: "tier1_escalation"
        case .afterHoursOnCall: "after_hours_on_call"
        case .monitoringAlert: "monitoring_alert"
        }
    }

    /// The channels of `kpiChannel`, in the order pages list them.
    public static let kpiChannels = ["direct", "tier1_escalation", "after_hours_on_call", "monitoring_alert"]
}

// Dictionaries keyed by these encode as JSON objects ({"in_progress": 60}), not as key, value arrays.
extension TicketStatus: CodingKeyRepresentable {}
extension SlaClockKind: CodingKeyRepresentable {}
extension WorkType: CodingKeyRepresentable {}
