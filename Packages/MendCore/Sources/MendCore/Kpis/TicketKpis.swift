import Foundation

/// The KPI definitions of docs/kpis.md over one ticket: pure functions of its history, calendar and policy.
public enum TicketKpis {
    /// The version of the definitions; every KPI answer carries it, and it changes whenever a definition does.
    public static let definitionsVersion = "2026-12.1"

    /// The facts of one ticket as of `now`. `policy` nil (no contract) measures no clock, and the business time of
    /// every measure is then on `calendar`.
    public static func facts(
        history: TicketHistory, priority: Priority, policy: SlaPolicy?, calendar: BusinessCalendar,
        loggedMinutes: [WorkType: Int] = [:], survey: SurveyFact? = nil, now: Instant
    ) -> TicketKpiFacts {
        let replayed = policy.map {
            SlaEngine.replay(history: history.sla, priority: priority, policy: $0, calendar: calendar, now: now)
        }
        return facts(
            walk: Walk(history: history), replayed: replayed, firstAssignee: history.firstAssignee, priority: priority,
            policy: policy, calendar: calendar, loggedMinutes: loggedMinutes, survey: survey, now: now)
    }

    /// The facts from a walk of the history and its clocks replayed to `now` (nil without a policy).
    static func facts(
        walk: Walk, replayed: [(clock: SlaClock, endedAt: Instant?)]?, firstAssignee: UUID?, priority: Priority,
        policy: SlaPolicy?, calendar: BusinessCalendar, loggedMinutes: [WorkType: Int], survey: SurveyFact?, now: Instant
    ) -> TicketKpiFacts {
        let targets = policy?.targets[priority] ?? [:]
        func calendarOf(_ kind: SlaClockKind) -> BusinessCalendar {
            targets[kind]?.basis == .always ? .always : calendar
        }
        func measure(_ kind: SlaClockKind, endedAt: Instant?) -> TicketKpiFacts.Measure? {
            guard let endedAt else { return nil }
            let time = walk.timeByStatus(until: endedAt, on: calendarOf(kind))
            let paused = time.filter { targets[kind]?.pauses(kind, in: $0.key) ?? false }
            // A status of the MSP's own is counted in the column of the module status it reports as.
            var byStatus: [TicketStatus: Int] = [:]
            for (status, seconds) in time { byStatus[status.reportsAs, default: 0] += seconds }
            return TicketKpiFacts.Measure(
                endedAt: endedAt, businessSeconds: time.values.reduce(0, +),
                wallSeconds: max(0, Int(endedAt.timeIntervalSince(walk.start))),
                pausedSeconds: paused.values.reduce(0, +), secondsByStatus: byStatus)
        }

        var clocks: [SlaClockKind: TicketKpiFacts.Clock] = [:]
        var breaches: [TicketKpiFacts.BreachCause] = []
        var updateMisses = 0
        for kind in SlaClockKind.allCases {
            guard let (clock, endedAt) = replayed?.first(where: { $0.clock.kind == kind }) else {
                clocks[kind] = .init(outcome: .notMeasured, at: nil)
                continue
            }
            if kind == .update { updateMisses = clock.misses }
            let state = clock.reading(at: now, calendar: calendar).state
            switch (clock.phase, state, endedAt) {
            case (.transferred, _, let at?): clocks[kind] = .init(outcome: .transferred, at: at)
            case (.stopped, .breached, let at?): clocks[kind] = .init(outcome: .breached, at: at)
            case (.stopped, _, let at?): clocks[kind] = .init(outcome: .met, at: at)
            default: clocks[kind] = .init(outcome: .open, at: nil)
            }
            if kind != .update, clocks[kind]?.outcome == .breached, let due = clock.dueAt, let endedAt {
                let counted = walk.timeByStatus(until: endedAt, on: calendarOf(kind))
                    .filter { !(targets[kind]?.pauses(kind, in: $0.key) ?? false) }
                let longest = counted.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
                breaches.append(
                    .init(
                        clock: kind, breachedAt: due, statusAtBreach: walk.status(at: due),
                        longestStatus: longest ?? walk.status(at: due), wasUnassigned: walk.unassigned(before: due)))
            }
        }

        let left = walk.exitedAt != nil
        let fcr: Bool? =
            walk.resolvedAt == nil || left
            ? nil
            : walk.resolvedBy != nil && walk.resolvedBy == firstAssignee && !walk.reassigned
                && !walk.escalated && !walk.smeTookOver && !walk.dispatched && !walk.vendorCase && !walk.thirdParty
                && !walk.reopenedAfterResolution
        return TicketKpiFacts(
            startedAt: walk.start, firstAssignee: firstAssignee, resolvedBy: walk.resolvedBy,
            response: measure(.response, endedAt: walk.respondedAt),
            restoration: measure(.restoration, endedAt: walk.restoredAt),
            resolution: measure(.resolution, endedAt: walk.resolvedAt), resolutions: walk.resolutions,
            lastResolvedAt: walk.resolutions > 1 ? walk.lastResolvedAt : nil, exitedAt: walk.exitedAt,
            exitStatus: walk.exitStatus, clocks: clocks, updateMisses: updateMisses, breaches: breaches,
            firstContactResolution: fcr, reopened: walk.reopenedAfterResolution, linkedFollowUps: walk.linkedFollowUps,
            loggedMinutes: loggedMinutes.filter { $0.value > 0 }, surveySentAt: survey?.sentAt, rating: survey?.rating)
    }

    /// One pass over the history in time order: the status segments, who held the ticket, and the first of each end.
    /// It can be carried forward event by event (`TicketFold`).
    struct Walk: Sendable, Equatable {
        struct Segment: Sendable, Equatable {
            var from: Instant
            var status: TicketStatus
        }

        struct Span: Sendable, Equatable {
            var from: Instant
            var to: Instant?
        }

        let start: Instant
        /// The status from each instant on, the first from `start`.
        var segments: [Segment]
        /// Spans with no assignee, the last open-ended while nobody holds it.
        var unassignedSpans: [Span] = []
        var respondedAt, restoredAt, resolvedAt, lastResolvedAt, exitedAt: Instant?
        var exitStatus: TicketStatus?
        var resolvedBy: UUID?
        var resolutions = 0
        var reassigned = false, escalated = false, smeTookOver = false, dispatched = false, vendorCase = false
        var thirdParty = false, reopenedAfterResolution = false
        var linkedFollowUps = 0
        /// Who holds the ticket and its status after the events walked so far.
        var assignee: UUID?
        var status = TicketStatus.new

        init(start: Instant, initialAssignee: UUID?) {
            self.start = start
            assignee = initialAssignee
            segments = [Segment(from: start, status: .new)]
            if initialAssignee == nil { unassignedSpans.append(Span(from: start, to: nil)) }
        }

        init(history: TicketHistory) {
            self.init(start: history.start, initialAssignee: history.initialAssignee)
            let first = history.firstAssignee
            for event in history.ordered { apply(event, firstAssignee: first) }
        }

        /// Walks one more event, the latest so far; `first` is the engineer the ticket was first given to.
        mutating func apply(_ event: HistoryEvent, firstAssignee first: UUID?) {
            let at = max(event.at, start)
            switch event.change {
            case .opened(let opened):
                status = opened
                segments[0].status = opened
            case .moved(let next), .reopened(let next):
                if case .reopened = event.change, resolvedAt != nil { reopenedAfterResolution = true }
                if respondedAt == nil, SlaResponseRule.responds(status: next) { respondedAt = at }
                if next == .restored, restoredAt == nil { restoredAt = at }
                if next == .resolved {
                    if resolvedAt == nil {
                        resolvedAt = at
                        resolvedBy = event.actor ?? assignee
                    }
                    resolutions += 1
                    lastResolvedAt = at
                }
                if next == .escalatedOut || next == .handedOff, exitedAt == nil {
                    exitedAt = at
                    exitStatus = next
                }
                if next != status { segments.append(Segment(from: at, status: next)) }
                status = next
            case .note(true, false, let tier2):
                if respondedAt == nil, SlaResponseRule.respondsByNote(tier2: tier2) { respondedAt = at }
            case .assigned(_, let to):
                if let to, let first, to != first { reassigned = true }
                if to == nil, assignee != nil { unassignedSpans.append(Span(from: at, to: nil)) }
                if to != nil, assignee == nil, let last = unassignedSpans.indices.last { unassignedSpans[last].to = at }
                assignee = to
            case .escalated: escalated = true
            case .smeTookOver: smeTookOver = true
            case .dispatched: dispatched = true
            case .vendorCase: vendorCase = true
            case .thirdParty: thirdParty = true
            case .linkedFollowUp: linkedFollowUps += 1
            case .note, .clientMessage: break
            }
        }

        /// Business seconds per status from the start until `end`, on `calendar`.
        func timeByStatus(until end: Instant, on calendar: BusinessCalendar) -> [TicketStatus: Int] {
            var result: [TicketStatus: Int] = [:]
            for (index, segment) in segments.enumerated() where segment.from < end {
                let to = min(index + 1 < segments.count ? segments[index + 1].from : end, end)
                guard to > segment.from else { continue }
                result[segment.status, default: 0] += (try? calendar.between(segment.from, to)) ?? 0
            }
            return result
        }

        /// The status the ticket was in at `instant`.
        func status(at instant: Instant) -> TicketStatus {
            segments.last { $0.from <= instant }?.status ?? segments[0].status
        }

        /// Whether nobody held the ticket at some point before `instant`.
        func unassigned(before instant: Instant) -> Bool {
            unassignedSpans.contains { span in span.from < instant && (span.to.map { $0 > span.from } ?? true) }
        }
    }
}
