import Foundation

/// A question to a subject-matter expert (04c.05): to a person or an SME group, with its own response target.
public struct SmeConsult: Sendable, Equatable {
    /// How soon the SME should answer.
    public enum Urgency: String, Sendable, Codable, CaseIterable {
        case urgent, normal

        /// The response target: half an hour when urgent, four hours otherwise.
        public var responseMinutes: Int { self == .urgent ? 30 : 240 }
    }

    /// How the consult ended.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case adviceGiven = "advice_given"
        case smeTookOver = "sme_took_over"
        case declined

        /// Human label for pages.
        public var title: String {
            switch self {
            case .adviceGiven: "Advice given"
            case .smeTookOver: "SME took over"
            case .declined: "Declined"
            }
        }
    }

    public var question: String
    public var urgency: Urgency
    public var respondBy: Instant

    /// Validates a request to exactly one person or one group.
    public init(question: String?, urgency: Urgency?, toPerson: Bool, toGroup: Bool, now: Instant) throws(ValidationError) {
        var check = FieldChecker()
        check.required(question, "question", max: 4_000)
        if toPerson == toGroup { check.add("toUserID", "name either a person (toUserID) or an SME group (toQueueID)") }
        try check.check()
        self.question = (question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.urgency = urgency ?? .normal
        self.respondBy = now.addingTimeInterval(Double(self.urgency.responseMinutes * 60))
    }

    /// Validates the SME's answer: an outcome, and words unless declining.
    public static func checkAnswer(_ answer: String?, outcome: Outcome?) throws(ValidationError) {
        var check = FieldChecker()
        if outcome == nil { check.add("outcome", "is required: advice_given, sme_took_over or declined") }
        if outcome != .declined {
            check.required(answer, "answer", max: 8_000)
        } else {
            check.length(answer, "answer", max: 8_000)
        }
        try check.check()
    }

    /// Whether an open consult has passed its response target.
    public static func isOverdue(respondBy: Instant, answered: Bool, now: Instant) -> Bool { !answered && now > respondBy }
}
