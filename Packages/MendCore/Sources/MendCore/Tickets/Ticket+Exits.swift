import Foundation

extension Ticket {
    /// Names who the incident is passed to (04c.07 third party, 04c.08 client IT). The client must be told of the
    /// transfer after this, so an earlier message no longer meets that gate; a handover to the client's own IT is
    /// made to the client's people, which tells them. `summary` is the timeline's line.
    public mutating func recordExitPath(
        party: String, reference: String?, summary: String, visibility: Visibility, kind: TicketExitKind? = nil
    ) throws(TicketError) -> TicketEvent {
        try requireOpen(kind == .clientIT ? "A handoff" : "An escalation to a third party")
        exitParty = party
        exitReference = reference
        clientInformed = kind == .clientIT
        var after = ["party": party, "reference": reference ?? ""]
        if let kind { after["kind"] = kind.rawValue }
        return TicketEvent(.exitRecorded, visibility, summary: summary, after: after)
    }

    /// Leaves Tier 2 by `kind` as soon as its gates are met. Nothing moves while a gate is open: the gates still
    /// unmet come back so the engineer sees what keeps the ticket (the exit record itself is kept).
    public mutating func leave(by kind: TicketExitKind, detail: String, now: Instant) -> (
        events: [TicketEvent], unmet: [ExitGate]
    ) {
        let gates = ExitGates.unmet(from: status, to: kind.status, facts: exitFacts)
        guard gates.isEmpty, StatusMachine.requestable(from: status).contains(kind.status) else { return ([], gates) }
        return ([move(to: kind.status, now: now, detail: detail)], [])
    }
}
