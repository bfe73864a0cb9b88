import Foundation

/// Steps an engineer should check for a ticket type, such as "VPN down": WAN, tunnel status, recent changes.
public struct Checklist: Sendable, Equatable {
    public var ticketType: String
    public var items: [String]

    /// Validates an admin's checklist; blank lines are dropped, duplicates refused.
    public init(ticketType: String?, items: [String]?) throws(ValidationError) {
        var check = FieldChecker()
        check.required(ticketType, "ticketType", max: 100)
        let cleaned = (items ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if cleaned.isEmpty { check.add("items", "needs at least one step") }
        if cleaned.count > 40 { check.add("items", "must have at most 40 steps") }
        // Measured as sent and in code points, as the API document's maxLength is: a character that joins
        // several code points (an emoji with a skin tone) counts as all of them.
        for (index, item) in (items ?? []).enumerated() { check.length(item, "items[\(index)]", max: 300) }
        if Set(cleaned.map { $0.lowercased() }).count != cleaned.count { check.add("items", "must not repeat a step") }
        try check.check()
        self.ticketType = (ticketType ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.items = cleaned
    }

    /// A list read back from storage, already validated when saved.
    public init(stored ticketType: String, items: [String]) {
        self.ticketType = ticketType
        self.items = items
    }

    /// Checks the ticked step numbers against this list: each must name a step (0-based).
    public func validate(done: [Int]) throws(ValidationError) -> [Int] {
        var check = FieldChecker()
        for (index, value) in done.enumerated() where !items.indices.contains(value) {
            check.add("done[\(index)]", "must be a step number from 0 to \(items.count - 1)")
        }
        try check.check()
        return Array(Set(done)).sorted()
    }

    /// The checklist that applies to a ticket of `type`: matched without regard to case.
    public static func matching(_ type: String?, in lists: [Checklist]) -> Checklist? {
        guard let type = type?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !type.isEmpty else { return nil }
        return lists.first { $0.ticketType.lowercased() == type }
    }
}
