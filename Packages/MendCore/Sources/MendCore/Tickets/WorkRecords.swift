import Foundation

/// The result of the test done after restoring service (04c.02).
public enum TestResult: String, Sendable, Codable, CaseIterable {
    case passed, failed
}

/// How a verification attempt with the client ended (04c.02).
public enum VerificationOutcome: String, Sendable, Codable, CaseIterable {
    case confirmed
    case noAnswer = "no_answer"
    case stillBroken = "still_broken"
}

/// How a client was reached for verification or an update.
public enum ContactChannel: String, Sendable, Codable, CaseIterable {
    case phone, email, portal, chat, onsite
}

/// The kind of work a time entry records; KPIs split logged time by it.
public enum WorkType: String, Sendable, Codable, CaseIterable {
    case diagnosis, remediation, testing, communication, travel, onsite, administration
}

/// Limits for a time entry: a day at most, since longer work is several entries.
public enum TimeEntryRules {
    public static let maxMinutes = 24 * 60

    /// Field problems of a time entry.
    public static func problems(minutes: Int?, note: String?) -> [FieldProblem] {
        var check = FieldChecker()
        if minutes == nil { check.add("minutes", "is required") }
        check.range(minutes, "minutes", 1...maxMinutes)
        check.length(note, "note", max: 2_000)
        return check.problems
    }
}
