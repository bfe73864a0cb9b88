/// One event a change of a ticket causes, as the audit trail keeps it: its kind, who may see it, a line for
/// people, and the fields before and after.
public struct TicketEvent: Sendable, Equatable {
    public var kind: EventKind
    public var visibility: Visibility
    public var summary: String
    public var before: [String: String]?
    public var after: [String: String]?

    public init(
        _ kind: EventKind, _ visibility: Visibility = .backstage, summary: String, before: [String: String]? = nil,
        after: [String: String]? = nil
    ) {
        self.kind = kind
        self.visibility = visibility
        self.summary = summary
        self.before = before
        self.after = after
    }

    /// A status change, onstage (the client sees where the ticket stands); `detail` goes after the titles.
    public static func statusChanged(
        from: TicketStatus, to: TicketStatus, detail: String? = nil, reason: String? = nil
    ) -> TicketEvent {
        var after = ["status": to.rawValue]
        if let reason, !reason.isEmpty { after["reason"] = reason }
        return TicketEvent(
            .statusChanged, .onstage, summary: "Status \(from.title) → \(to.title)" + (detail.map { " (\($0))" } ?? ""),
            before: ["status": from.rawValue], after: after)
    }
}
