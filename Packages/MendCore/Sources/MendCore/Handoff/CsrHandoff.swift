import Foundation

/// The client service rep's handoff on P1 and P2 tickets (PRODUCT.md section 4): who told the client what
/// to expect, when, and by when.
public struct CsrHandoff: Sendable, Equatable {
    public var expectation: String
    public var eta: Instant

    /// Validates what the CSR gives the client; `now` is the handoff time, which the ETA must follow.
    public init(expectation: String?, eta: Instant?, now: Instant) throws(ValidationError) {
        var check = FieldChecker()
        check.required(expectation, "expectation", max: 2_000)
        if let eta {
            if eta <= now { check.add("eta", "must be after the handoff time") }
        } else {
            check.add("eta", "is required: when the client can expect restoration")
        }
        try check.check()
        self.expectation = (expectation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.eta = eta!
    }

    /// Whether a ticket of `priority` needs a handoff.
    public static func required(for priority: Priority) -> Bool {
        priority == .p1 || priority == .p2
    }

    /// Shown as missing in queues: a P1/P2 ticket still being worked without a handoff.
    public static func isMissing(priority: Priority, status: TicketStatus, recorded: Bool) -> Bool {
        required(for: priority) && !recorded && EscalationPlan.watchedStatuses.contains(status)
    }

    /// When the CSRs are reminded of a missing handoff: `delayMinutes` after the ticket became P1 or P2.
    public static func reminderAt(since: Instant, delayMinutes: Int) -> Instant {
        since.addingTimeInterval(Double(max(delayMinutes, 0) * 60))
    }
}
