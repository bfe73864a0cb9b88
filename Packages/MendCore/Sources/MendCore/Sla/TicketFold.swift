import Foundation

/// A ticket's history folded up to its last event under one set of SLA terms: the SLA clocks before they are read
/// at an instant and the KPI walk. A change carries it forward by its own events (`applying`) instead of replaying
/// the whole history; the clocks and facts it gives are the full replay's (docs/sla.md, "Carried forward"). A
/// priority, policy, calendar or start change, an event older than the last one, or a ticket written by another
/// path since (`version`) starts a new fold from the whole history.
public struct TicketFold: Sendable, Equatable {
    /// The ticket's version once the events folded in were written: a fold is carried forward only from there.
    public var version: Int
    /// What the clocks were replayed under (`TicketFold.terms`).
    public let terms: String
    /// When Tier 2's clocks started.
    public let start: Instant
    /// The instant of the last event folded in (the start when none): facts are read as of it.
    public private(set) var lastAt: Instant
    /// The assignee the ticket was opened with.
    let initialAssignee: UUID?
    /// The first assignment's before and after, once there is one.
    private(set) var firstAssignment: Assignment?
    private(set) var walk: TicketKpis.Walk
    private(set) var replays: [SlaEngine.Replay]

    struct Assignment: Sendable, Equatable {
        var from: UUID?
        var to: UUID?

        /// The engineer the ticket was first given to: the one it had, else the one it got.
        var engineer: UUID? { from ?? to }
    }

    /// The whole history folded at once; `terms` names `priority`, `policy` and `calendar` (`TicketFold.terms`).
    public init(
        history: TicketHistory, priority: Priority, policy: SlaPolicy?, calendar: BusinessCalendar, terms: String,
        version: Int
    ) {
        var initialStatus = TicketStatus.new
        var first: Assignment?
        for event in history.events {
            switch event.change {
            case .opened(let status): initialStatus = status
            case .assigned(let from, let to) where first == nil: first = Assignment(from: from, to: to)
            default: continue
            }
        }
        self.version = version
        self.terms = terms
        start = history.start
        lastAt = history.start
        initialAssignee = first.map(\.from) ?? history.currentAssignee
        firstAssignment = first
        walk = TicketKpis.Walk(start: history.start, initialAssignee: initialAssignee)
        replays =
            policy.map {
                SlaEngine.replays(priority: priority, policy: $0, calendar: calendar, start: history.start, status: initialStatus)
            } ?? []
        for event in history.ordered { fold(event) }
    }

    init(
        version: Int, terms: String, start: Instant, lastAt: Instant, initialAssignee: UUID?, firstAssignment: Assignment?,
        walk: TicketKpis.Walk, replays: [SlaEngine.Replay]
    ) {
        self.version = version
        self.terms = terms
        self.start = start
        self.lastAt = lastAt
        self.initialAssignee = initialAssignee
        self.firstAssignment = firstAssignment
        self.walk = walk
        self.replays = replays
    }

    /// The fold with `events` (written after those folded in, in order) added and `version` as the ticket's new
    /// version; nil when they cannot be carried forward: an event before the last one, or a second opening.
    public func applying(_ events: [HistoryEvent], version: Int) -> TicketFold? {
        var next = self
        for event in events {
            if event.at < next.lastAt { return nil }
            if case .opened = event.change { return nil }
            next.fold(event)
        }
        next.version = version
        return next
    }

    private mutating func fold(_ event: HistoryEvent) {
        if case .assigned(let from, let to) = event.change, firstAssignment == nil {
            firstAssignment = Assignment(from: from, to: to)
        }
        walk.apply(event, firstAssignee: firstAssignment?.engineer)
        for fact in event.slaFacts {
            for index in replays.indices { replays[index].apply(fact) }
        }
        lastAt = max(lastAt, event.at)
    }

    /// The clocks read at `now`, as `SlaEngine.clocks` gives them for the whole history.
    public func clocks(now: Instant) -> [SlaClock] {
        replays.map { replay in
            var replay = replay
            return replay.finish(now: now)
        }
    }

    /// The KPI facts as of the last event, as `TicketKpis.facts` gives them for the whole history; `currentAssignee`
    /// is the ticket's assignee now, the first assignee while nobody was ever assigned by an event.
    public func facts(
        currentAssignee: UUID?, priority: Priority, policy: SlaPolicy?, calendar: BusinessCalendar,
        loggedMinutes: [WorkType: Int] = [:], survey: SurveyFact? = nil
    ) -> TicketKpiFacts {
        let replayed = policy.map { _ in
            replays.map { replay in
                var replay = replay
                return (clock: replay.finish(now: lastAt), endedAt: replay.endedAt)
            }
        }
        return TicketKpis.facts(
            walk: walk, replayed: replayed, firstAssignee: firstAssignment.map(\.engineer) ?? currentAssignee,
            priority: priority, policy: policy, calendar: calendar, loggedMinutes: loggedMinutes, survey: survey,
            now: lastAt)
    }

    /// The name of the terms a fold is made under: the priority, the policy's targets for it and its warning share,
    /// and the calendar (by its text). A fold is carried forward only under the same terms.
    public static func terms(priority: Priority, policy: SlaPolicy?, calendarText: String) -> String {
        var parts = [priority.rawValue]
        if let policy {
            parts.append(String(policy.warningPercent))
            let row = policy.targets[priority] ?? [:]
            for kind in SlaClockKind.allCases {
                guard let target = row[kind] else { continue }
                let paused = target.pausedBy.map(\.rawValue).sorted().joined(separator: "+")
                parts.append("\(kind.rawValue):\(target.minutes):\(target.basis.rawValue):\(paused)")
            }
        } else {
            parts.append("none")
        }
        let own = ProcessRules.current.ownPausesText
        if !own.isEmpty { parts.append("own:" + own) }
        parts.append(Self.hash(calendarText))
        return parts.joined(separator: "/")
    }

    /// FNV-1a, 64 bits, in hex: a calendar's text is long, and its fold only needs to know it changed.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return String(value, radix: 16)
    }
}
