import Foundation

/// Business-time arithmetic: real elapsed seconds inside open ranges, walked one local day at a time,
/// with whole weeks skipped where no holiday or offset change falls (that keeps six-week spans cheap).
extension BusinessCalendar {
    /// The earliest instant by which `seconds` business seconds have elapsed from `start`;
    /// a deadline that uses a range up exactly lands on that range's closing instant.
    public func add(_ start: Date, seconds: Int) throws(CalendarError) -> Date {
        if seconds < 0 { throw .negativeDuration }
        if seconds == 0 { return start }
        let from = start.timeIntervalSince1970
        var remaining = Double(seconds)
        var day = localDay(of: from)
        var found: Double?
        forEachInterval(onDay: day) { begin, end in
            guard end > from else { return true }
            let open = max(begin, from)
            if remaining <= end - open {
                found = open + remaining
                return false
            }
            remaining -= end - open
            return true
        }
        while found == nil {
            day += 1
            // Strictly more than a week left: the deadline lies beyond this week, so take it whole.
            if remaining > weekOpenSeconds, isPlainWeek(from: day) {
                remaining -= weekOpenSeconds
                day += 6
                continue
            }
            forEachInterval(onDay: day) { begin, end in
                if remaining <= end - begin {
                    found = begin + remaining
                    return false
                }
                remaining -= end - begin
                return true
            }
        }
        // The loop ends only once `found` is set.
        return Date(timeIntervalSince1970: found ?? 0)
    }

    /// Business seconds in [start, end).
    public func between(_ start: Date, _ end: Date) throws(CalendarError) -> Int {
        let a = start.timeIntervalSince1970
        let b = end.timeIntervalSince1970
        if b < a { throw .endBeforeStart }
        var total = 0.0
        let firstDay = localDay(of: a)
        let lastDay = localDay(of: b)
        var day = firstDay
        while day <= lastDay {
            // A week strictly inside (firstDay, lastDay) counts whole when it is plain.
            if day > firstDay, day + 7 < lastDay, isPlainWeek(from: day) {
                total += weekOpenSeconds
                day += 7
                continue
            }
            forEachInterval(onDay: day) { begin, end in
                let overlap = min(end, b) - max(begin, a)
                if overlap > 0 { total += overlap }
                return true
            }
            day += 1
        }
        return Int(total.rounded(.down))
    }

    /// `instant` itself when it is inside an open range, else the next opening instant.
    public func nextOpen(_ instant: Date) -> Date {
        let t = instant.timeIntervalSince1970
        var day = localDay(of: t)
        var found: Double?
        while found == nil {
            forEachInterval(onDay: day) { begin, end in
                guard end > t else { return true }
                found = max(begin, t)
                return false
            }
            day += 1
        }
        // The loop ends only once `found` is set.
        return Date(timeIntervalSince1970: found ?? 0)
    }

    /// Calls `body` with each open interval of one local day (days since 1970-01-01) as instants, in order,
    /// until it returns false; a holiday has none.
    @inline(__always)
    func forEachInterval(onDay day: Int, _ body: (Double, Double) -> Bool) {
        let weekday = ((day % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday: index 3 with Monday = 0.
        let ranges = week[weekday]
        if ranges.isEmpty || isHoliday(day) { return }
        let wall = Double(day) * 86_400
        if offsets.isSteady(from: wall - 86_400, to: wall + 2 * 86_400) {
            let offset = Double(offsets.offset(at: wall))
            for range in ranges where !body(wall + Double(range.start * 60) - offset, wall + Double(range.end * 60) - offset) {
                return
            }
            return
        }
        for range in ranges {
            let begin = instant(day: day, minute: range.start)
            let end = instant(day: day, minute: range.end)
            if end > begin, !body(begin, end) { return }
        }
    }

    /// True when the seven days from `day` have no holiday and no offset change, so they hold exactly
    /// `weekOpenSeconds` of business time.
    @inline(__always)
    func isPlainWeek(from day: Int) -> Bool {
        let wall = Double(day) * 86_400
        guard offsets.isSteady(from: wall - 86_400, to: wall + 8 * 86_400) else { return false }
        let next = firstHoliday(onOrAfter: day)
        return next >= holidayDays.count || holidayDays[next] >= day + 7
    }

    @inline(__always)
    func isHoliday(_ day: Int) -> Bool {
        if holidayDays.isEmpty { return false }
        let index = firstHoliday(onOrAfter: day)
        return index < holidayDays.count && holidayDays[index] == day
    }

    /// The index of the first holiday on or after `day` (holidayDays.count when none).
    @inline(__always)
    func firstHoliday(onOrAfter day: Int) -> Int {
        var low = 0
        var high = holidayDays.count
        while low < high {
            let mid = (low + high) >> 1
            if holidayDays[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The local day (days since 1970-01-01) an instant falls on in this calendar's zone.
    func localDay(of t: Double) -> Int {
        Int(((t + Double(offsets.offset(at: t))) / 86_400).rounded(.down))
    }

    /// The instant of a local wall time. A time in a spring-forward gap moves forward by the gap;
    /// a repeated time after a fall-back means its earlier instant.
    func instant(day: Int, minute: Int) -> Double {
        let wall = Double(day) * 86_400 + Double(minute) * 60
        let before = Double(offsets.offset(at: wall - 86_400))
        let after = Double(offsets.offset(at: wall + 86_400))
        func fits(_ offset: Double) -> Bool { Double(offsets.offset(at: wall - offset)) == offset }
        var best: Double?
        for offset in [before, after] where fits(offset) {
            best = min(best ?? .infinity, wall - offset)
        }
        return best ?? wall - before
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
