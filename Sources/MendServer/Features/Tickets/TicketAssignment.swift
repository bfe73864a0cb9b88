import Foundation
import MendCore

/// Assigning a ticket, the same way from the edit form, a pulled queue ticket and an SME taking it over; what
/// the assignment does to the status is MendCore's (`Ticket.assign`).
enum TicketAssignment {
    static func apply(_ ticket: TicketModel, to assignee: UUID?, name: String, events: inout EventRecorder) throws {
        let now = events.at
        try ticket.change(&events) { t in t.assign(to: assignee, name: name, now: now) }
    }
}
