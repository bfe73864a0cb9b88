import Fluent
import Foundation
import MendCore

/// Escalations by hand: functional (to an SME, a queue, a vendor or third party) and hierarchical (to the
/// service manager), each an event with who, when and why, and a notification to whoever it goes to.
struct ManualEscalationService {
    let db: any Database
    let services: MendServices

    func escalate(_ reference: String, _ request: ManualEscalationRequest, by principal: Principal) async throws
        -> TicketModel
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let escalation = try ManualEscalation(
            kind: ManualEscalation.Kind(rawValue: request.kind), reason: request.reason, party: request.party,
            hasStaffTarget: request.toUserID != nil || request.toQueueID != nil)
        let references = ReferenceChecker(db: db)
        if let user = request.toUserID { try await references.staff(user, field: "toUserID") }
        var queue: QueueModel?
        if let id = request.toQueueID { queue = try await references.queue(id, field: "toQueueID") }
        let target = queue
        let now = services.clock.now()
        return try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            let notifier = Notifier(db: tx, services: services)
            var people = try await notifier.staff(ids: [request.toUserID].compactMap { $0 })
            if escalation.kind == .hierarchical && people.isEmpty {
                people = try await notifier.staff(roles: ["service_manager"])
            }
            var targets = people.map(\.name)
            if let queue = target {
                targets.append("queue \(queue.name)")
                try ticket.change(&events) { t in t.moveToQueue(queue.id, name: "\(queue.name) (escalation)") }
            }
            if let party = escalation.party { targets.append(party) }
            let to = targets.isEmpty ? "nobody (no service manager)" : targets.joined(separator: ", ")
            let kind = escalation.kind == .functional ? "Functional" : "Hierarchical"
            events.record(
                .escalated, summary: "\(kind) escalation to \(to) by \(principal.name): \(escalation.reason)",
                after: [
                    "kind": escalation.kind.rawValue, "reason": escalation.reason, "to": to,
                    "by": principal.name,
                ])
            try await notifier.send(
                to: people.filter { $0.id != principal.userID }, ticket: ticket, kind: "escalated",
                title: "\(kind) escalation: \(Notifier.label(ticket))", body: "\(principal.name): \(escalation.reason)", now: now)
        }
    }
}
