import Foundation

extension BusinessCalendar {
    /// Parses the JSON form `{"timezone": ..., "week": {"mon": [["08:00","17:00"]], ...}, "holidays": [...]}`.
    public static func parse(json data: Data) throws(ValidationError) -> BusinessCalendar {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw ValidationError(field: "calendar", "must be a JSON object")
        }
        return try parse(object: root)
    }

    /// Parses an already decoded JSON object of the calendar's form.
    public static func parse(object root: [String: Any]) throws(ValidationError) -> BusinessCalendar {
        var check = FieldChecker()
        for key in root.keys.sorted() where !["timezone", "week", "holidays"].contains(key) {
            check.add(key, "is not a calendar field (timezone, week, holidays)")
        }
        let timezone = root["timezone"] as? String
        if timezone == nil { check.add("timezone", "is required") }
        var week = Array(repeating: [OpenRange](), count: 7)
        if let rawWeek = root["week"] {
            if let days = rawWeek as? [String: Any] {
                for (key, value) in days.sorted(by: { $0.key < $1.key }) {
                    guard let day = dayKeys.firstIndex(of: key) else {
                        check.add("week.\(key)", "is not a day (mon, tue, wed, thu, fri, sat, sun)")
                        continue
                    }
                    week[day] = parseRanges(value, field: "week.\(key)", check: &check)
                }
            } else {
                check.add("week", "must be an object of days")
            }
        } else {
            check.add("week", "is required")
        }
        var holidays = Set<LocalDate>()
        if let rawHolidays = root["holidays"] {
            if let list = rawHolidays as? [Any] {
                for (index, item) in list.enumerated() {
                    if let text = item as? String, let date = LocalDate(text) {
                        holidays.insert(date)
                    } else {
                        check.add("holidays[\(index)]", "must be a date like 2026-12-25")
                    }
                }
            } else {
                check.add("holidays", "must be a list of dates")
            }
        }
        try check.check()
        return try BusinessCalendar(timezone: timezone ?? "", week: week, holidays: holidays)
    }

    private static func parseRanges(_ value: Any, field: String, check: inout FieldChecker) -> [OpenRange] {
        guard let list = value as? [Any] else {
            check.add(field, "must be a list of [\"HH:MM\", \"HH:MM\"] ranges")
            return []
        }
        var ranges: [OpenRange] = []
        for (index, item) in list.enumerated() {
            guard let pair = item as? [Any], pair.count == 2, let from = pair[0] as? String, let to = pair[1] as? String
            else {
                check.add("\(field)[\(index)]", "must be a pair [\"HH:MM\", \"HH:MM\"]")
                continue
            }
            guard let start = OpenRange.minutes(from), let end = OpenRange.minutes(to), start < 1440 else {
                check.add("\(field)[\(index)]", "has a time that is not HH:MM between 00:00 and 24:00")
                continue
            }
            ranges.append(OpenRange(start: start, end: end))
        }
        return ranges
    }

    /// The JSON form with sorted keys; parsing it gives an equal calendar.
    public var jsonText: String {
        func time(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        var days: [String: [[String]]] = [:]
        for (index, ranges) in week.enumerated() where !ranges.isEmpty {
            days[Self.dayKeys[index]] = ranges.map { [time($0.start), time($0.end)] }
        }
        let object: [String: Any] = [
            "timezone": timezone, "week": days, "holidays": holidays.sorted().map(\.description),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The calendar of a contract that stores none: always open for 24x7 coverage, else office hours in the
    /// client's zone (UTC when the zone is unknown).
    public static func contractDefault(coverage: String?, timezone: String) -> BusinessCalendar {
        if coverage == "24x7" { return .always }
        return (try? officeHours(timezone: TimeZone(identifier: timezone) == nil ? "UTC" : timezone)) ?? .always
    }

    /// Monday to Friday 08:00 to 17:00 in `timezone`: the calendar of an 8x5 contract that names none.
    public static func officeHours(timezone: String) throws(ValidationError) -> BusinessCalendar {
        let day = [OpenRange(start: 480, end: 1020)]
        return try BusinessCalendar(timezone: timezone, week: [day, day, day, day, day, [], []], holidays: [])
    }
}
