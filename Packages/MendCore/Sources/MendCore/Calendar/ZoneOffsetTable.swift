import Foundation

/// A zone's UTC offsets as a sorted list of transitions, so calendar arithmetic looks an offset up by
/// binary search instead of asking Foundation (which costs microseconds per call).
final class ZoneOffsetTable: Sendable {
    /// Instants (seconds since 1970) at which the offset changes, ascending.
    let transitions: [Double]
    /// `offsets[i]` holds before `transitions[i]`; the last one holds after the last transition.
    let offsets: [Int]
    private let zone: TimeZone
    /// The span the table covers; outside it Foundation answers directly.
    private let first: Double
    private let last: Double

    private init(zone: TimeZone) {
        self.zone = zone
        first = -2_208_988_800  // 1900-01-01
        last = 7_258_118_400  // 2200-01-01
        var transitions: [Double] = []
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: first))]
        var cursor = Date(timeIntervalSince1970: first)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < last {
            let offset = zone.secondsFromGMT(for: next)
            // Foundation reports DST-flag changes that keep the offset; they do not matter here.
            if offset != offsets.last { transitions.append(next.timeIntervalSince1970); offsets.append(offset) }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The index of the offset period `t` falls in: the count of transitions at or before `t`.
    @inline(__always) func period(of t: Double) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The zone's offset from UTC, in seconds, at instant `t`.
    @inline(__always) func offset(at t: Double) -> Int {
        if t < first || t >= last { return zone.secondsFromGMT(for: Date(timeIntervalSince1970: t)) }
        return offsets[period(of: t)]
    }

    /// True when the offset is the same at `a` and `b` and does not change between them.
    @inline(__always) func isSteady(from a: Double, to b: Double) -> Bool {
        a >= first && b < last && period(of: a) == period(of: b)
    }

    nonisolated(unsafe) private static var cache: [String: ZoneOffsetTable] = [:]
    private static let lock = NSLock()

    /// The shared table of a zone, built once per process.
    static func of(_ zone: TimeZone) -> ZoneOffsetTable {
        lock.lock()
        defer { lock.unlock() }
        if let table = cache[zone.identifier] { return table }
        let table = ZoneOffsetTable(zone: zone)
        cache[zone.identifier] = table
        return table
    }
}
