import Foundation

/// Business-time arithmetic: real elapsed seconds inside open ranges, walked one local day at a time.
extension BusinessCalendar {
    /// The earliest instant by which `seconds` business seconds have elapsed from `start`;
    /// a deadline that uses a range up exactly lands on that range's closing instant.
    public func add(_ start: Date, seconds: Int) throws(CalendarError) -> Date {
        if seconds < 0 { throw .negativeDuration }
        if seconds == 0 { return start }
        let from = start.timeIntervalSince1970
        var remaining = Double(seconds)
        var day = localDay(of: from)
        while true {
            for interval in openIntervals(onDay: day) where interval.end > from {
                let begin = max(interval.start, from)
                let available = interval.end - begin
                if remaining <= available { return Date(timeIntervalSince1970: begin + remaining) }
                remaining -= available
            }
            day += 1
        }
    }

    /// Business seconds in [start, end).
    public func between(_ start: Date, _ end: Date) throws(CalendarError) -> Int {
        let a = start.timeIntervalSince1970
        let b = end.timeIntervalSince1970
        if b < a { throw .endBeforeStart }
        var total = 0.0
        var day = localDay(of: a)
        let lastDay = localDay(of: b)
        while day <= lastDay {
            for interval in openIntervals(onDay: day) {
                let overlap = min(interval.end, b) - max(interval.start, a)
                if overlap > 0 { total += overlap }
            }
            day += 1
        }
        return Int(total.rounded(.down))
    }

    /// `instant` itself when it is inside an open range, else the next opening instant.
    public func nextOpen(_ instant: Date) -> Date {
        let t = instant.timeIntervalSince1970
        var day = localDay(of: t)
        while true {
            for interval in openIntervals(onDay: day) where interval.end > t {
                return Date(timeIntervalSince1970: max(interval.start, t))
            }
            day += 1
        }
    }

    /// The open intervals of one local day (days since 1970-01-01) as instants; none on a holiday.
    func openIntervals(onDay day: Int) -> [(start: Double, end: Double)] {
        let weekday = ((day % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday: index 3 with Monday = 0.
        let ranges = week[weekday]
        if ranges.isEmpty || holidays.contains(LocalDate(daysSinceEpoch: day)) { return [] }
        var result: [(start: Double, end: Double)] = []
        for range in ranges {
            let start = instant(day: day, minute: range.start)
            let end = instant(day: day, minute: range.end)
            if end > start { result.append((start, end)) }
        }
        return result
    }

    /// The local day (days since 1970-01-01) an instant falls on in this calendar's zone.
    func localDay(of t: Double) -> Int {
        let local = t + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: t)))
        return Int((local / 86_400).rounded(.down))
    }

    /// The instant of a local wall time. A time in a spring-forward gap moves forward by the gap;
    /// a repeated time after a fall-back means its earlier instant.
    func instant(day: Int, minute: Int) -> Double {
        let wall = Double(day) * 86_400 + Double(minute) * 60
        let before = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400)))
        let after = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400)))
        func fits(_ offset: Double) -> Bool {
            Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - offset))) == offset
        }
        let candidates = [wall - before, wall - after].enumerated().filter { fits([before, after][$0.offset]) }.map(\.element)
        if let earliest = candidates.min() { return earliest }
        return wall - before
    }
}

extension LocalDate {
    /// The civil date `days` after 1970-01-01 (proleptic Gregorian).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }
}
