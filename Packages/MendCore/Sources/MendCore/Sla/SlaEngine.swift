import Foundation

/// Replays a ticket's history against a policy to give each clock's state (PRODUCT.md section 3).
/// Every recomputation is a full replay, so a priority, contract or policy change never loses paused time.
public enum SlaEngine {
    /// The clocks of a ticket of `priority` under `policy`, replayed up to `now`. Clocks the policy does
    /// not measure for that priority are left out.
    public static func clocks(
        history: SlaHistory, priority: Priority, policy: SlaPolicy, calendar: BusinessCalendar, now: Instant
    ) -> [SlaClock] {
        replay(history: history, priority: priority, policy: policy, calendar: calendar, now: now).map(\.clock)
    }

    /// The clocks as `clocks` gives them, each with the instant it last stopped or was transferred (nil while it
    /// counts or is paused): the instant a KPI puts the clock's outcome in a period.
    public static func replay(
        history: SlaHistory, priority: Priority, policy: SlaPolicy, calendar: BusinessCalendar, now: Instant
    ) -> [(clock: SlaClock, endedAt: Instant?)] {
        let facts = history.facts.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        return replays(
            priority: priority, policy: policy, calendar: calendar, start: history.start, status: history.initialStatus
        ).map { replay in
            var replay = replay
            for fact in facts { replay.apply(fact) }
            return (replay.finish(now: now), replay.endedAt)
        }
    }

    /// A replay for each clock `policy` measures for `priority`, before any fact: the clocks at `start`.
    static func replays(
        priority: Priority, policy: SlaPolicy, calendar: BusinessCalendar, start: Instant, status: TicketStatus
    ) -> [Replay] {
        let row = policy.targets[priority] ?? [:]
        return SlaClockKind.allCases.compactMap { kind in
            guard let target = row[kind] else { return nil }
            return Replay(
                kind: kind, target: target, warningPercent: policy.warningPercent,
                calendar: target.basis == .always ? .always : calendar, start: start, status: status)
        }
    }

    /// One clock walked through the facts in order; `TicketFold` keeps it between changes.
    struct Replay: Sendable, Equatable {
        let kind: SlaClockKind
        let target: SlaTarget
        let calendar: BusinessCalendar
        let targetSeconds: Int
        let warningSeconds: Int
        var clock: SlaClock
        var status: TicketStatus
        var responded = false
        /// When the clock last stopped or was transferred; nil while it counts or is paused.
        var endedAt: Instant?

        init(
            kind: SlaClockKind, target: SlaTarget, warningPercent: Int, calendar: BusinessCalendar, start: Instant,
            status: TicketStatus
        ) {
            self.kind = kind
            self.target = target
            self.calendar = calendar
            targetSeconds = target.minutes * 60
            warningSeconds = target.minutes * 60 * warningPercent / 100
            self.status = status
            clock = SlaClock(
                kind: kind, basis: target.basis, targetSeconds: targetSeconds, warningSeconds: warningSeconds,
                phase: .running, elapsed: 0, since: start, cycle: 0, misses: 0)
            clock.phase = phase(for: status, previous: .running)
            if clock.phase == .stopped || clock.phase == .transferred { endedAt = start }
        }

        mutating func apply(_ fact: SlaFact) {
            let at = max(fact.at, clock.since)
            switch fact {
            case .status(_, let next):
                count(until: at, inclusive: false)
                status = next
                enter(phase(for: next, previous: clock.phase), at: at)
            case .response:
                guard kind == .response, !responded else { return }
                count(until: at, inclusive: false)
                responded = true
                enter(phase(for: status, previous: clock.phase), at: at)
            case .update:
                guard kind == .update else { return }
                count(until: at, inclusive: false)
                if clock.phase == .running || clock.phase == .paused { startCycle(at: at) }
            }
        }

        /// The clock as of `now`: a running clock is projected to its due instants.
        mutating func finish(now: Instant) -> SlaClock {
            if kind == .update {
                if now > clock.since { count(until: now, inclusive: true) }
            }
            if clock.phase == .running {
                if clock.dueAt == nil { clock.dueAt = try? calendar.add(clock.since, seconds: targetSeconds - clock.elapsed) }
                if clock.warnAt == nil, clock.elapsed < warningSeconds {
                    clock.warnAt = try? calendar.add(clock.since, seconds: warningSeconds - clock.elapsed)
                }
            }
            return clock
        }

        /// Counts business time from `since` to `end` if running; for the update cadence, each full
        /// target passed without an update is a miss and starts the next cycle. A target reached exactly
        /// at `end` counts as reached only when `inclusive` (a stop at the due instant is on time).
        private mutating func count(until end: Instant, inclusive: Bool) {
            guard end > clock.since else { return }
            guard clock.phase == .running else {
                clock.since = end
                return
            }
            var from = clock.since
            var segment = (try? calendar.between(from, end)) ?? 0
            if kind == .update {
                while clock.elapsed + segment > targetSeconds || (inclusive && clock.elapsed + segment == targetSeconds) {
                    let need = targetSeconds - clock.elapsed
                    guard let missedAt = try? calendar.add(from, seconds: need) else { break }
                    segment -= need
                    from = missedAt
                    clock.misses += 1
                    clock.cycle += 1
                    clock.elapsed = 0
                    clock.dueAt = nil
                    clock.warnAt = nil
                }
            } else if clock.dueAt == nil, clock.elapsed + segment > targetSeconds {
                clock.dueAt = try? calendar.add(from, seconds: targetSeconds - clock.elapsed)
            }
            if clock.warnAt == nil, clock.elapsed < warningSeconds, clock.elapsed + segment >= warningSeconds {
                clock.warnAt = try? calendar.add(from, seconds: warningSeconds - clock.elapsed)
            }
            clock.elapsed += segment
            clock.since = end
        }

        private mutating func enter(_ next: SlaClock.Phase, at: Instant) {
            let wasCounting = clock.phase == .running || clock.phase == .paused
            if kind == .update, !wasCounting, next == .running || next == .paused {
                // A reopen starts a fresh update cycle: the client was just told.
                startCycle(at: at)
            }
            if next == .running || next == .paused {
                endedAt = nil
            } else if wasCounting {
                endedAt = at
            }
            clock.phase = next
            clock.since = at
        }

        private mutating func startCycle(at: Instant) {
            clock.cycle += 1
            clock.elapsed = 0
            clock.dueAt = nil
            clock.warnAt = nil
            clock.since = at
        }

        private func phase(for status: TicketStatus, previous: SlaClock.Phase) -> SlaClock.Phase {
            switch status.kind {
            case .closed:
                return previous == .transferred ? .transferred : .stopped
            case .exit where status.isTransfer:
                return kind == .response && responded ? .stopped : .transferred
            case .exit:
                return .stopped
            case .restored where kind == .restoration || kind == .response:
                return .stopped
            default:
                if kind == .response, responded { return .stopped }
                return target.pauses(kind, in: status) ? .paused : .running
            }
        }
    }
}
