import Foundation

extension Ticket {
    /// New impact and urgency give the priority through the matrix; lowering it needs a reason and the
    /// `priority.lower` permission (PRODUCT.md section 2) and is recorded with that reason.
    public mutating func changePriority(
        impact newImpact: Impact?, urgency newUrgency: Urgency?, matrix: PriorityMatrix, reason: String?,
        permissions: Set<Permission>
    ) throws(TicketError) -> [TicketEvent] {
        let impact = newImpact ?? self.impact
        let urgency = newUrgency ?? self.urgency
        let old = priority
        let new = matrix.priority(impact: impact, urgency: urgency)
        try PriorityChangeRule.check(from: old, to: new, reason: reason, permissions: permissions)
        guard impact != self.impact || urgency != self.urgency else { return [] }
        let before = ["impact": self.impact.rawValue, "urgency": self.urgency.rawValue, "priority": old.rawValue]
        self.impact = impact
        self.urgency = urgency
        priority = new
        var after = ["impact": impact.rawValue, "urgency": urgency.rawValue, "priority": new.rawValue]
        if let reason, new < old { after["reason"] = reason }
        return [
            TicketEvent(.priorityChanged, .onstage, summary: "Priority \(old.title) → \(new.title)", before: before, after: after)
        ]
    }

    /// An escalation level raises the priority (never lowers it); `why` names the level.
    public mutating func raisePriority(to target: Priority, why: String) -> [TicketEvent] {
        guard target > priority else { return [] }
        let old = priority
        priority = target
        return [
            TicketEvent(
                .priorityChanged, .onstage, summary: "Priority \(old.title) → \(target.title) (\(why))",
                before: ["priority": old.rawValue], after: ["priority": target.rawValue])
        ]
    }
}
