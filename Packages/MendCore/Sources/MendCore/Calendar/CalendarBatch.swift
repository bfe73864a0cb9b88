import Foundation

/// One line of `mend calendar batch`: a JSON request in, a JSON answer out; a bad line gets an error line.
/// Input: `{"calendar": {...}, "op": "add"|"between"|"next_open", "start": ISO, "seconds": N | "end": ISO}`.
/// Output: `{"result": ISO or N}` or `{"error": "..."}`.
public struct CalendarBatch {
    private var calendars: [String: BusinessCalendar] = [:]

    public init() {}

    /// Answers one input line.
    public mutating func answer(_ line: String) -> String {
        do {
            let result = try evaluate(line)
            return Self.json(["result": result])
        } catch let error as ValidationError {
            return Self.json(["error": error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; ")])
        } catch {
            return Self.json(["error": "\(error)"])
        }
    }

    private mutating func evaluate(_ line: String) throws -> Any {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), let request = object as? [String: Any]
        else { throw ValidationError(field: "line", "is not a JSON object") }
        for key in request.keys.sorted() where !["calendar", "op", "start", "seconds", "end"].contains(key) {
            throw ValidationError(field: key, "is not a batch field (calendar, op, start, seconds, end)")
        }
        guard let rawCalendar = request["calendar"] as? [String: Any] else {
            throw ValidationError(field: "calendar", "is required and must be an object")
        }
        let calendar = try cachedCalendar(rawCalendar)
        guard let startText = request["start"] as? String, let start = CalendarInstant.parse(startText) else {
            throw ValidationError(field: "start", "must be an ISO 8601 instant such as 2026-11-30T13:00:00Z")
        }
        switch request["op"] as? String {
        case "add":
            guard let seconds = request["seconds"] as? Int, seconds >= 0 else {
                throw ValidationError(field: "seconds", "must be a whole number of seconds, zero or more")
            }
            return CalendarInstant.format(try calendar.add(start, seconds: seconds))
        case "between":
            guard let endText = request["end"] as? String, let end = CalendarInstant.parse(endText) else {
                throw ValidationError(field: "end", "must be an ISO 8601 instant")
            }
            do { return try calendar.between(start, end) } catch {
                throw ValidationError(field: "end", "must not be before start")
            }
        case "next_open":
            return CalendarInstant.format(calendar.nextOpen(start))
        default:
            throw ValidationError(field: "op", "must be add, between or next_open")
        }
    }

    private mutating func cachedCalendar(_ raw: [String: Any]) throws -> BusinessCalendar {
        let key =
            (try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
            ?? ""
        if let known = calendars[key] { return known }
        let calendar: BusinessCalendar
        do { calendar = try BusinessCalendar.parse(object: raw) } catch {
            throw ValidationError(error.problems.map { FieldProblem(field: "calendar." + $0.field, message: $0.message) })
        }
        if calendars.count > 1000 { calendars.removeAll() }
        calendars[key] = calendar
        return calendar
    }

    private static func json(_ value: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Instants as the calendar tools and the API read and write them: RFC 3339, in UTC with `Z` when written.
public enum CalendarInstant {
    /// Parses an RFC 3339 date-time such as `2026-11-30T13:00:00Z`, with optional fractional seconds and `Z` or an
    /// offset such as `+01:00`. An impossible date or time (`2026-02-30`, `24:00:00`) is nil, never rolled over.
    public static func parse(_ text: String) -> Date? {
        RFC3339.parse(text)
    }

    /// Formats in UTC with `Z`, whole seconds.
    public static func format(_ date: Date) -> String {
        UTCText.format(date)
    }
}
