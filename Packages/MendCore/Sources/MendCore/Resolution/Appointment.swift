import Foundation

/// An onsite visit of 04c.04: one engineer at one site in a time window, with check-in and check-out.
public struct Appointment: Sendable, Equatable {
    /// Where a visit stands: scheduled, then checked in at the site, then done; or cancelled before check-in.
    public enum State: String, Sendable, Codable, CaseIterable {
        case scheduled
        case checkedIn = "checked_in"
        case completed
        case cancelled

        /// Human label for pages.
        public var title: String {
            switch self {
            case .scheduled: "Scheduled"
            case .checkedIn: "On site"
            case .completed: "Done"
            case .cancelled: "Cancelled"
            }
        }

        /// Whether the engineer's time is taken by this visit.
        public var holdsTime: Bool { self != .cancelled }
    }

    public var engineer: String
    public var startsAt: Instant
    public var endsAt: Instant
    public var state: State

    /// A visit may be booked up to 12 hours long: longer work is several visits.
    public static let maxSeconds = 12 * 3_600
    /// How long before its window a visit may be checked in without a reason.
    public static let earlyCheckInSeconds = 2 * 3_600

    /// Validates a window: it must end after it starts and fit in a working day.
    public init(engineer: String?, startsAt: Instant?, endsAt: Instant?, state: State = .scheduled) throws(ValidationError) {
        var check = FieldChecker()
        if engineer == nil { check.add("engineerID", "is required") }
        if startsAt == nil { check.add("startsAt", "is required") }
        if endsAt == nil { check.add("endsAt", "is required") }
        if let startsAt, let endsAt {
            if endsAt <= startsAt {
                check.add("endsAt", "must be after startsAt")
            } else if endsAt.timeIntervalSince(startsAt) > Double(Self.maxSeconds) {
                check.add("endsAt", "must be at most 12 hours after startsAt")
            }
        }
        try check.check()
        self.engineer = engineer!
        self.startsAt = startsAt!
        self.endsAt = endsAt!
        self.state = state
    }

    /// Whether two visits of the same engineer share any instant (touching ends do not).
    public func overlaps(_ other: Appointment) -> Bool {
        engineer == other.engineer && state.holdsTime && other.state.holdsTime && startsAt < other.endsAt
            && other.startsAt < endsAt
    }

    /// Refuses a booking that double-books the engineer, naming the clash.
    public func checkNoDoubleBooking(against others: [Appointment]) throws(ValidationError) {
        if others.contains(where: overlaps) {
            throw ValidationError(field: "startsAt", "the engineer already has a visit in this window (double booking)")
        }
    }

    /// Moves a scheduled visit to another engineer or window, checked as a new booking is. A new start without a new
    /// end keeps the visit's length, as dragging it along a board would.
    public mutating func move(engineer: String? = nil, startsAt: Instant? = nil, endsAt: Instant? = nil)
        throws(ValidationError)
    {
        guard state == .scheduled else { throw ValidationError(field: "state", "only a scheduled visit can be moved") }
        if engineer == nil, startsAt == nil, endsAt == nil {
            throw ValidationError(field: "startsAt", "say where the visit moves: a new engineer, start or end")
        }
        let end = endsAt ?? startsAt.map { $0.addingTimeInterval(self.endsAt.timeIntervalSince(self.startsAt)) } ?? self.endsAt
        self = try Appointment(engineer: engineer ?? self.engineer, startsAt: startsAt ?? self.startsAt, endsAt: end)
    }

    /// Check-in at the site: only a scheduled visit; travel there becomes a time entry.
    /// `reason`: why the engineer is on site well before the booked window; a check-in more than
    /// `earlyCheckInSeconds` early is refused without one, since it is more often a tap on the wrong visit.
    public mutating func checkIn(at now: Instant, travelMinutes: Int?, reason: String? = nil) throws(ValidationError)
        -> OnsiteTime?
    {
        guard state == .scheduled else { throw ValidationError(field: "state", "only a scheduled visit can be checked in") }
        try Self.checkTravel(travelMinutes)
        if now < startsAt.addingTimeInterval(-Double(Self.earlyCheckInSeconds)),
            (reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty
        {
            throw ValidationError(
                field: "reason",
                "is required: the visit's window starts at \(UTCText.format(startsAt)), more than 2 hours from now; "
                    + "say why you are checking in this early, or check in the right visit")
        }
        state = .checkedIn
        guard let travelMinutes, travelMinutes > 0 else { return nil }
        return OnsiteTime(kind: .travel, startedAt: now.addingTimeInterval(-Double(travelMinutes * 60)), minutes: travelMinutes)
    }

    /// Check-out: the time on site (at least a minute) and the travel back become time entries.
    public mutating func checkOut(checkedInAt: Instant, at now: Instant, travelMinutes: Int?) throws(ValidationError)
        -> [OnsiteTime]
    {
        guard state == .checkedIn else { throw ValidationError(field: "state", "only a checked-in visit can be checked out") }
        try Self.checkTravel(travelMinutes)
        state = .completed
        let onsite = max(1, Int((now.timeIntervalSince(checkedInAt) / 60).rounded()))
        var entries = [OnsiteTime(kind: .onsite, startedAt: checkedInAt, minutes: min(onsite, TimeEntryRules.maxMinutes))]
        if let travelMinutes, travelMinutes > 0 {
            entries.append(OnsiteTime(kind: .travel, startedAt: now, minutes: travelMinutes))
        }
        return entries
    }

    /// Cancels a visit that has not started.
    public mutating func cancel() throws(ValidationError) {
        guard state == .scheduled else { throw ValidationError(field: "state", "only a scheduled visit can be cancelled") }
        state = .cancelled
    }

    private static func checkTravel(_ minutes: Int?) throws(ValidationError) {
        if let minutes, !(0...600).contains(minutes) {
            throw ValidationError(field: "travelMinutes", "must be between 0 and 600")
        }
    }
}

/// A time entry an onsite visit creates.
public struct OnsiteTime: Sendable, Equatable {
    public var kind: WorkType
    public var startedAt: Instant
    public var minutes: Int

    public init(kind: WorkType, startedAt: Instant, minutes: Int) {
        self.kind = kind
        self.startedAt = startedAt
        self.minutes = minutes
    }
}
