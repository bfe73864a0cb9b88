import Foundation

extension Ticket {
    /// A new ticket: its priority from the matrix, New, or Assigned when it arrives with an engineer.
    public static func open(
        impact: Impact, urgency: Urgency, source: TicketSource, assigneeID: UUID?, queueID: UUID?,
        matrix: PriorityMatrix, now: Instant
    ) -> Ticket {
        Ticket(
            status: assigneeID == nil ? .new : .assigned, statusSince: now, impact: impact, urgency: urgency,
            priority: matrix.priority(impact: impact, urgency: urgency), source: source, assigneeID: assigneeID,
            queueID: queueID, alertCount: source == .monitoringAlert ? 1 : nil,
            alertLastSeen: source == .monitoringAlert ? now : nil)
    }

    /// The creation event: `summary` is the timeline's line, `extra` what the intake adds (an alert's
    /// fingerprint, Tier 1's reference).
    public func openedEvent(summary: String, extra: [String: String] = [:]) -> TicketEvent {
        TicketEvent(
            .created, .onstage, summary: summary,
            after: ["status": status.rawValue, "priority": priority.rawValue, "source": source.rawValue].merging(extra) {
                current, _ in current
            })
    }
}
