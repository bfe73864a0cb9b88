import Foundation

/// A compact line form of a snapshot for storage: the scheduler reads one per due ticket, and a JSON decoder
/// cost more than the rest of a tick. Line 1 `s1`, line 2 the policy name, line 3 the calendar JSON, then one
/// line per clock: kind, basis, target, warning, phase, elapsed, since, due, warn, cycle, misses.
extension SlaSnapshot {
    public var text: String {
        func instant(_ date: Date?) -> String { date.map { String($0.timeIntervalSince1970) } ?? "" }
        // Written for every ticket created or changed: a line break in a name is rare, so the text is only
        // searched, not rewritten, unless it has one (Foundation's replacing was 2% of a creation's CPU).
        func oneLine(_ text: String, _ replacement: String) -> String {
            text.utf8.contains(UInt8(ascii: "\n")) ? text.replacingOccurrences(of: "\n", with: replacement) : text
        }
        var text = "s1\n" + oneLine(policy, " ") + "\n" + oneLine(calendar, "")
        text.reserveCapacity(text.utf8.count + clocks.count * 96)
        for c in clocks {
            text += "\n\(c.kind.rawValue),\(c.basis.rawValue),\(c.targetSeconds),\(c.warningSeconds),\(c.phase.rawValue),"
            text += "\(c.elapsed),\(instant(c.since)),\(instant(c.dueAt)),\(instant(c.warnAt)),\(c.cycle),\(c.misses)"
        }
        return text
    }

    /// Reads the line form; nil when it is not one. Scans the UTF-8 bytes once: generic `split` with a closure
    /// per byte was half of the scheduler's own time per due ticket (a `perf` profile of `mend-scheduler-bench`).
    public init?(text: String) {
        var text = text
        guard let snapshot = text.withUTF8({ SnapshotLines(bytes: $0).snapshot() }) else { return nil }
        self = snapshot
    }
}

/// The line form's bytes, read field by field.
private struct SnapshotLines {
    let bytes: UnsafeBufferPointer<UInt8>

    func snapshot() -> SlaSnapshot? {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)
        guard lines.count >= 3, string(lines[0]) == "s1" else { return nil }
        var clocks: [SlaClock] = []
        clocks.reserveCapacity(lines.count - 3)
        for line in lines.dropFirst(3) {
            guard let clock = clock(line) else { return nil }
            clocks.append(clock)
        }
        return SlaSnapshot(policy: string(lines[1]), calendar: string(lines[2]), clocks: clocks)
    }

    private func clock(_ line: Range<Int>) -> SlaClock? {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(11)
        var start = line.lowerBound
        for index in line where bytes[index] == UInt8(ascii: ",") {
            fields.append(start..<index)
            start = index + 1
        }
        fields.append(start..<line.upperBound)
        guard fields.count == 11, let kind = SlaClockKind(rawValue: string(fields[0])),
            let basis = SlaBasis(rawValue: string(fields[1])), let target = integer(fields[2]),
            let warning = integer(fields[3]), let phase = SlaClock.Phase(rawValue: string(fields[4])),
            let elapsed = integer(fields[5]), let since = instant(fields[6]), let cycle = integer(fields[9]),
            let misses = integer(fields[10])
        else { return nil }
        return SlaClock(
            kind: kind, basis: basis, targetSeconds: target, warningSeconds: warning, phase: phase, elapsed: elapsed,
            since: since, dueAt: instant(fields[7]), warnAt: instant(fields[8]), cycle: cycle, misses: misses)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A decimal integer, optionally negative; nil for anything else (empty included).
    private func integer(_ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < range.upperBound, range.count <= 19 else { return nil }
        var value = 0
        while index < range.upperBound {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    /// Seconds since 1970 as the writer printed them (`String(Double)`); nil when empty or not a number.
    private func instant(_ range: Range<Int>) -> Date? {
        guard !range.isEmpty, let seconds = Double(string(range)) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
