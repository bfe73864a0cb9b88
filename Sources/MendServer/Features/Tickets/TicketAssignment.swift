import Foundation
import MendCore

/// Assigning a ticket, the same way from the edit form, a pulled queue ticket and an elected page.
enum TicketAssignment {
    /// Sets the assignee and records it; a new ticket assigned is the "assigned to a Tier 2 engineer" entry,
    /// and an assigned one unassigned goes back to the queue.
    static func apply(_ ticket: TicketModel, to assignee: UUID?, name: String, events: inout EventRecorder) {
        events.record(
            .assigned, summary: "Assigned to \(name)", before: ["assigneeID": ticket.assigneeID?.uuidString ?? ""],
            after: ["assigneeID": assignee?.uuidString ?? ""])
        ticket.assigneeID = assignee
        if assignee != nil, ticket.status == TicketStatus.new.rawValue {
            events.statusChanged(from: .new, to: .assigned)
            ticket.status = TicketStatus.assigned.rawValue
        } else if assignee == nil, ticket.status == TicketStatus.assigned.rawValue {
            events.statusChanged(from: .assigned, to: .new)
            ticket.status = TicketStatus.new.rawValue
        }
    }
}
