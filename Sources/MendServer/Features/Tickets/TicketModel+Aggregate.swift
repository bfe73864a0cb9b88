import Foundation
import MendCore

extension TicketModel {
    /// The stored row as MendCore's `Ticket`; an unreadable stored enum is an error.
    func aggregate() throws -> Ticket { try stored.aggregate() }

    /// Writes the aggregate's fields to the row: the only way a ticket's status and process fields are set.
    func store(_ ticket: Ticket) {
        status = ticket.status.rawValue
        statusSince = ticket.statusSince
        impact = ticket.impact.rawValue
        urgency = ticket.urgency.rawValue
        priority = ticket.priority.rawValue
        source = ticket.source.rawValue
        assigneeID = ticket.assigneeID
        queueID = ticket.queueID
        restoredTested = ticket.restoredTested
        verificationAttempted = ticket.verificationAttempted
        clientInformed = ticket.clientInformed
        resolution = ticket.resolution
        exitParty = ticket.exitParty
        exitReference = ticket.exitReference
        minutesLogged = ticket.minutesLogged
        reopenCount = ticket.reopenCount
        exitedAt = ticket.exitedAt
        closedAt = ticket.closedAt
        alertCount = ticket.alertCount
        alertLastSeen = ticket.alertLastSeen
    }

    /// One change through the aggregate: loads it, runs `body`, records the events it returns, stores the result.
    /// A refusal leaves the row as it was.
    @discardableResult
    func change(_ events: inout EventRecorder, _ body: (inout Ticket) throws -> [TicketEvent]) throws -> Ticket {
        var ticket = try aggregate()
        let caused = try body(&ticket)
        store(ticket)
        events.append(caused)
        return ticket
    }

    /// The typed status, for reads that decide nothing.
    var typedStatus: TicketStatus {
        get throws { try StoredValue.read(TicketStatus.self, status, column: "status") }
    }
}
