import Fluent
import Foundation
import MendCore

/// Reopening a ticket that left Tier 2: inside the window it reopens (the resolution clock resumes and the
/// reopen counts for the KPIs); after it, a new ticket is opened that links back to the old one.
struct TicketReopen {
    let db: any Database
    let services: MendServices

    /// What a reopen became.
    struct Outcome {
        var ticket: TicketModel
        var decision: ReopenDecision
        var linkedFrom: String?
    }

    /// Staff, or the client's own contact (it is their incident that came back).
    func reopen(_ reference: String, _ request: ReopenRequest, by principal: Principal) async throws -> Outcome {
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.required(request.reason, "reason", max: 2_000)
        try check.check()
        let reason = try request.reason.required("reason").trimmed
        let tickets = TicketService(db: db, services: services)
        let original = try await TicketLoader(db: db).find(reference, for: principal)
        guard try !original.typedStatus.isOpen else {
            throw Problem(
                .conflict, "ticket-open", "Ticket still open",
                detail: "Only a resolved, escalated-out, handed-off or closed ticket can be reopened.")
        }
        let now = services.clock.now()
        let decision = ReopenDecision.decide(
            exitedAt: original.exitedAt, now: now, windowSeconds: services.config.reopenWindowSeconds)
        switch decision {
        case .reopen:
            let settings = services.config.lifecycle
            let ticket = try await tickets.mutate(reference, ifMatch: nil, by: principal) { ticket, tx, events in
                try await TicketTransition(
                    ticket: ticket, request: TransitionTicketRequest(to: .inProgress, reason: reason), principal: principal,
                    settings: settings
                ).apply(on: tx, events: &events)
                if principal.isClient {
                    try await ClientActivityNotices(db: tx, services: services).notify(
                        .reopen(reason: reason), on: ticket, now: events.at)
                }
            }
            return Outcome(ticket: ticket, decision: .reopen, linkedFrom: nil)
        case .newLinkedTicket:
            let number = TicketNumber.format(original.number)
            let prefix = "Follow-up of \(number): "
            let summary = prefix + String(original.summary.prefix(TicketDraft.Limits.summary - prefix.count))
            let request = CreateTicketRequest(
                summary: summary, description: "\(reason)\n\n— reopened after the window of \(number): \(original.summary)",
                type: original.type, subtype: original.subtype, impact: Impact(rawValue: original.impact),
                urgency: Urgency(rawValue: original.urgency), source: TicketSource(rawValue: original.source),
                companyID: original.companyID, contactID: original.contactID, siteID: original.siteID,
                // A client contact cannot route tickets: the new one goes to the default queue for triage.
                queueID: principal.isClient ? nil : original.queueID,
                assigneeID: principal.isClient ? nil : original.assigneeID, configurationItem: original.configurationItem)
            let ticket = try await tickets.create(request, by: principal, linkedFrom: (original.id!, number, reason))
            let newNumber = TicketNumber.format(ticket.number)
            _ = try await tickets.mutate(reference, ifMatch: nil, by: principal, replayClocks: false) { old, tx, events in
                events.record(
                    .linkedTicketOpened, .onstage,
                    summary: "Reopen asked after the window: followed up as \(newNumber) (\(reason))",
                    after: ["linkedTicket": newNumber])
                if principal.isClient {
                    try await ClientActivityNotices(db: tx, services: services).notify(
                        .reopen(reason: "after the reopen window, followed up as \(newNumber): \(reason)"), on: old,
                        now: events.at)
                }
            }
            return Outcome(ticket: ticket, decision: .newLinkedTicket, linkedFrom: number)
        }
    }
}
