import Foundation

/// The satisfaction survey sent on resolution: a one-time link, rated 1 to 5 with an optional comment.
public enum Survey {
    /// Two weeks: long enough for a client back from leave, short enough to be about this incident.
    public static let lifetimeSeconds = 14 * 86_400
    /// The ratings a client may give.
    public static let ratings = 1...5

    /// Why a link can no longer be answered, or nil when it can.
    public static func closedReason(expiresAt: Instant, answeredAt: Instant?, now: Instant) -> String? {
        if answeredAt != nil { return "This survey has already been answered. Thank you!" }
        if now > expiresAt { return "This survey link has expired." }
        return nil
    }

    /// Validates an answer: a whole rating from 1 to 5, a comment of at most 2000 characters.
    public static func check(rating: Int?, comment: String?) throws(ValidationError) {
        var check = FieldChecker()
        if let rating { check.range(rating, "rating", 1...5) } else { check.add("rating", "is required: 1 to 5") }
        check.length(comment, "comment", max: 2_000)
        try check.check()
    }

    /// The figures the KPIs use: how many were sent and answered, the mean rating and each rating's count.
    public static func summary(sent: Int, ratings: [Int]) -> SurveySummary {
        let counts = (1...5).map { value in ratings.filter { $0 == value }.count }
        let mean = ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count)
        return SurveySummary(
            sent: sent, answered: ratings.count, meanRating: mean.map { ($0 * 100).rounded() / 100 }, counts: counts)
    }
}

/// Survey results over a period.
public struct SurveySummary: Sendable, Equatable, Codable {
    public var sent: Int
    public var answered: Int
    /// Rounded to two decimals; nil when nobody answered.
    public var meanRating: Double?
    /// How many answers gave 1, 2, 3, 4 and 5.
    public var counts: [Int]

    public init(sent: Int, answered: Int, meanRating: Double?, counts: [Int]) {
        self.sent = sent
        self.answered = answered
        self.meanRating = meanRating
        self.counts = counts
    }
}
