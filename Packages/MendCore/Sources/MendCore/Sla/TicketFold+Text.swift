import Foundation

/// The stored form of a fold: a line per part, fields apart by spaces, instants as seconds since 2001, which is how a
/// `Date` holds them, so they read back bit for bit. Seconds since 1970 did not: a ticket's creation read from
/// SQLite could differ from its fold's start in the last bit, and such a ticket's fold was made anew at every change.
/// Hand-written rather than JSON because every ticket change reads and writes it.
extension TicketFold {
    /// The fold as text; `init(text:...)` reads it back equal.
    public var text: String {
        var lines = [Self.marker, String(version), terms]
        let first = firstAssignment.map { "\(Self.field($0.from)),\(Self.field($0.to))" } ?? "-"
        lines.append("\(Self.field(start)) \(Self.field(lastAt)) \(Self.field(initialAssignee)) \(first)")
        let w = walk
        let flags = [
            w.reassigned, w.escalated, w.smeTookOver, w.dispatched, w.vendorCase, w.thirdParty, w.reopenedAfterResolution,
        ].map { $0 ? "1" : "0" }.joined()
        lines.append(
            [
                "walk", Self.field(w.respondedAt), Self.field(w.restoredAt), Self.field(w.resolvedAt),
                Self.field(w.lastResolvedAt), Self.field(w.exitedAt), w.exitStatus?.rawValue ?? "-", Self.field(w.resolvedBy),
                String(w.resolutions), flags, String(w.linkedFollowUps), Self.field(w.assignee), w.status.rawValue,
            ].joined(separator: " "))
        for segment in w.segments { lines.append("seg \(Self.field(segment.from)) \(segment.status.rawValue)") }
        for span in w.unassignedSpans { lines.append("gap \(Self.field(span.from)) \(Self.field(span.to))") }
        for r in replays {
            let c = r.clock
            lines.append(
                [
                    "clock", c.kind.rawValue, c.phase.rawValue, String(c.elapsed), Self.field(c.since), Self.field(c.dueAt),
                    Self.field(c.warnAt), String(c.cycle), String(c.misses), r.status.rawValue, r.responded ? "1" : "0",
                    Self.field(r.endedAt),
                ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// Reads a stored fold made under the same terms as `priority`, `policy` and `calendar` (named `terms`); nil when
    /// the text is not a fold, or was made under other terms.
    public init?(text: String, priority: Priority, policy: SlaPolicy?, calendar: BusinessCalendar, terms: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        }
        guard lines.count >= 5, lines[0] == [Self.marker], lines[1].count == 1, let version = Int(lines[1][0]),
            lines[2] == [terms], lines[3].count == 4, let start = Self.instant(lines[3][0]), let start,
            let lastAt = Self.instant(lines[3][1]), let lastAt, let initialAssignee = Self.uuid(lines[3][2]),
            let first = Self.assignment(lines[3][3]), lines[4].count == 13, lines[4][0] == "walk"
        else { return nil }
        let walkLine = lines[4]
        var walk = TicketKpis.Walk(start: start, initialAssignee: initialAssignee)
        guard let respondedAt = Self.instant(walkLine[1]), let restoredAt = Self.instant(walkLine[2]),
            let resolvedAt = Self.instant(walkLine[3]), let lastResolvedAt = Self.instant(walkLine[4]),
            let exitedAt = Self.instant(walkLine[5]), let exitStatus = Self.status(walkLine[6]),
            let resolvedBy = Self.uuid(walkLine[7]), let resolutions = Int(walkLine[8]), walkLine[9].count == 7,
            let linked = Int(walkLine[10]), let assignee = Self.uuid(walkLine[11]),
            let status = TicketStatus(rawValue: walkLine[12])
        else { return nil }
        walk.respondedAt = respondedAt
        walk.restoredAt = restoredAt
        walk.resolvedAt = resolvedAt
        walk.lastResolvedAt = lastResolvedAt
        walk.exitedAt = exitedAt
        walk.exitStatus = exitStatus
        walk.resolvedBy = resolvedBy
        walk.resolutions = resolutions
        let flags = walkLine[9].map { $0 == "1" }
        (walk.reassigned, walk.escalated, walk.smeTookOver, walk.dispatched) = (flags[0], flags[1], flags[2], flags[3])
        (walk.vendorCase, walk.thirdParty, walk.reopenedAfterResolution) = (flags[4], flags[5], flags[6])
        walk.linkedFollowUps = linked
        walk.assignee = assignee
        walk.status = status
        walk.segments = []
        walk.unassignedSpans = []
        var replays =
            policy.map { SlaEngine.replays(priority: priority, policy: $0, calendar: calendar, start: start, status: .new) }
            ?? []
        var clockIndex = 0
        for line in lines.dropFirst(5) {
            switch line.first {
            case "seg":
                guard line.count == 3, let from = Self.instant(line[1]), let from, let status = TicketStatus(rawValue: line[2])
                else { return nil }
                walk.segments.append(.init(from: from, status: status))
            case "gap":
                guard line.count == 3, let from = Self.instant(line[1]), let from, let to = Self.instant(line[2]) else {
                    return nil
                }
                walk.unassignedSpans.append(.init(from: from, to: to))
            case "clock":
                guard clockIndex < replays.count, Self.read(line, into: &replays[clockIndex]) else { return nil }
                clockIndex += 1
            default:
                return nil
            }
        }
        guard !walk.segments.isEmpty, clockIndex == replays.count else { return nil }
        self.init(
            version: version, terms: terms, start: start, lastAt: lastAt, initialAssignee: initialAssignee,
            firstAssignment: first, walk: walk, replays: replays)
    }

    /// One clock's line into its replay, which must be of the same kind.
    private static func read(_ line: [String], into replay: inout SlaEngine.Replay) -> Bool {
        guard line.count == 12, line[1] == replay.kind.rawValue, let phase = SlaClock.Phase(rawValue: line[2]),
            let elapsed = Int(line[3]), let since = instant(line[4]), let due = instant(line[5]),
            let warn = instant(line[6]), let cycle = Int(line[7]), let misses = Int(line[8]),
            let status = TicketStatus(rawValue: line[9]), line[10] == "0" || line[10] == "1",
            let endedAt = instant(line[11]), let since
        else { return false }
        replay.clock.phase = phase
        replay.clock.elapsed = elapsed
        replay.clock.since = since
        replay.clock.dueAt = due
        replay.clock.warnAt = warn
        replay.clock.cycle = cycle
        replay.clock.misses = misses
        replay.status = status
        replay.responded = line[10] == "1"
        replay.endedAt = endedAt
        return true
    }

    /// The first line; "fold1", with seconds since 1970, is read as no fold and made anew.
    private static let marker = "fold2"

    private static func field(_ instant: Instant?) -> String {
        instant.map { String($0.timeIntervalSinceReferenceDate) } ?? "-"
    }

    private static func field(_ id: UUID?) -> String { id?.uuidString ?? "-" }

    /// An optional instant: `.some(nil)` for "-", nil when unreadable.
    private static func instant(_ text: String) -> Instant?? {
        if text == "-" { return .some(nil) }
        guard let seconds = Double(text), seconds.isFinite else { return nil }
        return .some(Date(timeIntervalSinceReferenceDate: seconds))
    }

    private static func uuid(_ text: String) -> UUID?? {
        if text == "-" { return .some(nil) }
        return UUID(uuidString: text).map { .some($0) }
    }

    private static func status(_ text: String) -> TicketStatus?? {
        if text == "-" { return .some(nil) }
        return TicketStatus(rawValue: text).map { .some($0) }
    }

    private static func assignment(_ text: String) -> Assignment?? {
        if text == "-" { return .some(nil) }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let from = uuid(parts[0]), let to = uuid(parts[1]) else { return nil }
        return .some(Assignment(from: from, to: to))
    }
}
