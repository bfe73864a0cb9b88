import Foundation

/// Lowering a priority needs a reason and the `priority.lower` permission; raising needs neither.
public enum PriorityChangeRule {
    /// Throws when a lowering lacks its reason or its permission.
    public static func check(
        from: Priority, to: Priority, reason: String?, permissions: Set<Permission>
    ) throws(TicketError) {
        guard to < from else { return }
        guard permissions.contains(.lowerPriority) else { throw .notPermitted(.lowerPriority) }
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { throw .reasonRequired(action: "lower priority") }
    }
}
