import Foundation

/// The fields a person supplies to open a ticket, checked before anything is stored.
public struct TicketDraft: Sendable {
    public var summary: String?
    public var description: String?
    public var type: String?
    public var subtype: String?
    public var configurationItem: String?

    public init(
        summary: String?, description: String? = nil, type: String? = nil, subtype: String? = nil,
        configurationItem: String? = nil
    ) {
        self.summary = summary
        self.description = description
        self.type = type
        self.subtype = subtype
        self.configurationItem = configurationItem
    }

    /// Field limits, documented in the API: a summary is a line, a description a few pages.
    public enum Limits {
        public static let summary = 200
        public static let description = 20_000
        public static let type = 80
        public static let configurationItem = 200
    }

    /// Every field problem of this draft.
    public func problems() -> [FieldProblem] {
        var check = FieldChecker()
        check.required(summary, "summary", max: Limits.summary)
        check.length(description, "description", max: Limits.description)
        check.length(type, "type", max: Limits.type)
        check.length(subtype, "subtype", max: Limits.type)
        check.length(configurationItem, "configurationItem", max: Limits.configurationItem)
        return check.problems
    }
}
