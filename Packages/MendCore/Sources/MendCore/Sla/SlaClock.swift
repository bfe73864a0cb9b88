import Foundation

/// Where a clock stands after replaying the history; enough to read it at any later instant without the history.
public struct SlaClock: Sendable, Codable, Equatable {
    /// Whether the clock counts now, and if not, why.
    public enum Phase: String, Sendable, Codable {
        case running, paused, stopped, transferred
    }

    public var kind: SlaClockKind
    public var basis: SlaBasis
    public var targetSeconds: Int
    public var warningSeconds: Int
    public var phase: Phase
    /// Business seconds counted up to `since` (for the update cadence: since the current cycle began).
    public var elapsed: Int
    /// When the current phase began.
    public var since: Instant
    /// When the target is (or was) reached: known once passed, or while running.
    public var dueAt: Instant?
    /// When the warning share is (or was) reached, on the same terms.
    public var warnAt: Instant?
    /// Update cadence only: completed cycles (updates given plus updates missed) and misses among them.
    public var cycle: Int
    public var misses: Int

    /// The timers still to fire for this clock, by their once-only keys.
    public var timers: [SlaTimer] {
        guard phase == .running else { return [] }
        let suffix = kind == .update ? ".\(cycle)" : ""
        var result: [SlaTimer] = []
        if let warnAt {
            result.append(
                SlaTimer(key: "\(kind.rawValue).warning\(suffix)", clock: kind, isBreach: false, at: warnAt, deadline: dueAt))
        }
        if let dueAt {
            result.append(
                SlaTimer(key: "\(kind.rawValue).breach\(suffix)", clock: kind, isBreach: true, at: dueAt, deadline: dueAt))
        }
        return result
    }

    /// The clock read at `now`: its state, business time left (negative when overdue) and share elapsed.
    public func reading(at now: Instant, calendar: BusinessCalendar) -> SlaReading {
        var elapsedNow = elapsed
        if phase == .running, now > since {
            elapsedNow += (try? (basis == .always ? BusinessCalendar.always : calendar).between(since, now)) ?? 0
        }
        let state: SlaReading.State
        switch phase {
        case .transferred: state = .transferred
        case .stopped: state = kind != .update && elapsed > targetSeconds ? .breached : (misses > 0 ? .breached : .met)
        case .running, .paused:
            if elapsedNow >= targetSeconds || (kind != .update && dueAt.map { $0 <= now } == true) {
                state = .breached
            } else {
                state = phase == .running ? .running : .paused
            }
        }
        return SlaReading(
            kind: kind, state: state, dueAt: dueAt, leftSeconds: targetSeconds - elapsedNow,
            percentElapsed: targetSeconds > 0 ? Int((Double(elapsedNow) * 100 / Double(targetSeconds)).rounded(.down)) : 0,
            targetSeconds: targetSeconds, basis: basis, misses: misses,
            atRisk: (state == .running || state == .paused) && elapsedNow >= warningSeconds)
    }

    /// The update cadence after its current cycle was missed at `dueAt`: the next cycle starts there.
    public func afterMissedUpdate(calendar: BusinessCalendar) -> SlaClock {
        guard kind == .update, phase == .running, let missedAt = dueAt else { return self }
        let clock = basis == .always ? BusinessCalendar.always : calendar
        var next = self
        next.cycle += 1
        next.misses += 1
        next.elapsed = 0
        next.since = missedAt
        next.dueAt = try? clock.add(missedAt, seconds: targetSeconds)
        next.warnAt = try? clock.add(missedAt, seconds: warningSeconds)
        return next
    }
}

/// A warning or breach waiting to fire; `key` makes it fire once per ticket.
public struct SlaTimer: Sendable, Equatable {
    public var key: String
    public var clock: SlaClockKind
    public var isBreach: Bool
    public var at: Instant
    /// The target instant the warning or breach is about.
    public var deadline: Instant?
}

/// A clock as shown to people and integrations at one instant.
public struct SlaReading: Sendable, Equatable {
    /// Running and paused are still within target; breached is past it, whether still counting or not.
    public enum State: String, Sendable, Codable, CaseIterable {
        case running, paused, met, breached, transferred
    }

    public var kind: SlaClockKind
    public var state: State
    public var dueAt: Instant?
    /// Business seconds left; negative when overdue.
    public var leftSeconds: Int
    public var percentElapsed: Int
    public var targetSeconds: Int
    public var basis: SlaBasis
    public var misses: Int
    /// Still within target but past the warning share.
    public var atRisk: Bool
}

extension SlaClock {
    /// A clock in its first cycle; the engine builds clocks from the history, tests and tools from known figures.
    public init(
        kind: SlaClockKind, basis: SlaBasis, targetSeconds: Int, warningSeconds: Int, phase: Phase, elapsed: Int,
        since: Instant, dueAt: Instant?, warnAt: Instant?
    ) {
        self.kind = kind
        self.basis = basis
        self.targetSeconds = targetSeconds
        self.warningSeconds = warningSeconds
        self.phase = phase
        self.elapsed = elapsed
        self.since = since
        self.dueAt = dueAt
        self.warnAt = warnAt
        self.cycle = 0
        self.misses = 0
    }
}
