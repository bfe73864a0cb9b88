import Foundation

/// A compact line form of a snapshot for storage: the scheduler reads one per due ticket, and a JSON decoder
/// cost more than the rest of a tick. Line 1 `s1`, line 2 the policy name, line 3 the calendar JSON, then one
/// line per clock: kind, basis, target, warning, phase, elapsed, since, due, warn, cycle, misses.
extension SlaSnapshot {
    public var text: String {
        func instant(_ date: Date?) -> String { date.map { String($0.timeIntervalSince1970) } ?? "" }
        var lines = ["s1", policy.replacingOccurrences(of: "\n", with: " "), calendar.replacingOccurrences(of: "\n", with: "")]
        for c in clocks {
            lines.append(
                [
                    c.kind.rawValue, c.basis.rawValue, String(c.targetSeconds), String(c.warningSeconds), c.phase.rawValue,
                    String(c.elapsed), instant(c.since), instant(c.dueAt), instant(c.warnAt), String(c.cycle), String(c.misses),
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// Reads the line form; nil when it is not one. Splits on bytes: splitting on Characters was the
    /// larger part of reading a snapshot.
    public init?(text: String) {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        guard lines.count >= 3, lines[0] == "s1" else { return nil }
        var clocks: [SlaClock] = []
        clocks.reserveCapacity(lines.count - 3)
        for line in lines.dropFirst(3) {
            let f = line.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Substring.init)
            guard f.count == 11, let kind = SlaClockKind(rawValue: String(f[0])), let basis = SlaBasis(rawValue: String(f[1])),
                let target = Int(f[2]), let warning = Int(f[3]), let phase = SlaClock.Phase(rawValue: String(f[4])),
                let elapsed = Int(f[5]), let since = Double(f[6]), let cycle = Int(f[9]), let misses = Int(f[10])
            else { return nil }
            clocks.append(
                SlaClock(
                    kind: kind, basis: basis, targetSeconds: target, warningSeconds: warning, phase: phase, elapsed: elapsed,
                    since: Date(timeIntervalSince1970: since), dueAt: Double(f[7]).map(Date.init(timeIntervalSince1970:)),
                    warnAt: Double(f[8]).map(Date.init(timeIntervalSince1970:)), cycle: cycle, misses: misses))
        }
        self.init(policy: String(lines[1]), calendar: String(lines[2]), clocks: clocks)
    }
}
