import Foundation

/// Field rules for the directory: companies, contacts, contracts, queues and users.
public enum DirectoryRules {
    /// A company needs a name, a short code (letters, digits, dashes) and a known IANA time zone.
    public static func company(name: String?, code: String?, timezone: String?) -> [FieldProblem] {
        var check = FieldChecker()
        check.required(name, "name", max: 200)
        check.required(code, "code", max: 20)
        if let code, !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            check.add("code", "may contain only letters, digits and dashes")
        }
        if let timezone, !TimeZoneNames.isKnown(timezone) {
            check.add("timezone", "is not a known IANA time zone")
        }
        return check.problems
    }

    /// A contact needs a name; an email, when given, must look like one.
    public static func contact(name: String?, email: String?) -> [FieldProblem] {
        var check = FieldChecker()
        check.required(name, "name", max: 200)
        if let email, !isEmail(email) { check.add("email", "is not an email address") }
        return check.problems
    }

    /// Contract coverage Mend understands until SLA calendars refine it.
    public static let coverages = ["8x5", "24x7"]

    /// A contract needs a name, a coverage, a start date, and an end date not before the start.
    public static func contract(name: String?, coverage: String?, startsOn: String?, endsOn: String?) -> [FieldProblem] {
        var check = FieldChecker()
        check.required(name, "name", max: 200)
        if let coverage, !coverages.contains(coverage) { check.add("coverage", "must be one of: 8x5, 24x7") }
        let start = startsOn.flatMap(LocalDate.init)
        if start == nil { check.add("startsOn", "must be a date like 2026-01-31") }
        if let endsOn {
            if let end = LocalDate(endsOn) {
                if let start, end < start { check.add("endsOn", "must not be before startsOn") }
            } else {
                check.add("endsOn", "must be a date like 2026-12-31")
            }
        }
        return check.problems
    }

    /// A queue key is a short lowercase identifier used in URLs and filters.
    public static func queue(key: String?, name: String?) -> [FieldProblem] {
        var check = FieldChecker()
        check.required(key, "key", max: 40)
        if let key, !key.isEmpty, !key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
            check.add("key", "may contain only lowercase letters, digits, dashes and underscores")
        }
        check.required(name, "name", max: 100)
        return check.problems
    }

    /// A user needs an email and a name; a password, when set, is at least 10 characters.
    /// A person's own time zone: an IANA name, or none for the MSP's.
    public static func userTimeZone(_ zone: String?) -> [FieldProblem] {
        guard let zone, !TimeZoneNames.isKnown(zone) else { return [] }
        return [FieldProblem(field: "timeZone", message: "is not a known IANA time zone (such as Europe/London)")]
    }

    public static func user(email: String?, name: String?, password: String?) -> [FieldProblem] {
        var check = FieldChecker()
        check.required(email, "email", max: 200)
        if let email, !email.isEmpty, !isEmail(email) { check.add("email", "is not an email address") }
        check.required(name, "name", max: 200)
        if let password, password.unicodeScalars.count < 10 { check.add("password", "must be at least 10 characters") }
        check.length(password, "password", max: 200)
        return check.problems
    }

    /// A deliberately loose check: one @, something before it, a dot inside the part after it (neither first nor
    /// last), no white space, at most 200 code points. The API document carries the same pattern.
    public static var emailPattern: String {
        let v = TextRules.visible
        return "^[^@\(v)]+@[^@.\(v)][^@\(v)]*\\.[^@\(v)]*[^@.\(v)]$"
    }

    private static let emailExpression = try? NSRegularExpression(pattern: emailPattern)

    /// Whether `text` is an email address by `emailPattern`.
    public static func isEmail(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 200, let emailExpression else { return false }
        let range = NSRange(text.startIndex..., in: text)
        return emailExpression.firstMatch(in: text, options: [.anchored], range: range)?.range == range
    }
}

/// A calendar date without a time zone, as written in contracts: `2026-01-31`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard d <= days else { return nil }
        year = y
        month = m
        day = d
    }

    /// A date known to exist, built by date arithmetic.
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days from 1970-01-01 to this date (proleptic Gregorian); the inverse of `init(daysSinceEpoch:)`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
