import Fluent
import Foundation
import MendCore

/// What every resolution path does alike: refuse work on a ticket that has left Tier 2, move the ticket
/// into or out of the path's waiting status, and log time.
enum ResolutionSupport {
    /// Refuses `action` unless the ticket is still being worked by Tier 2 (not exited, not closed).
    static func requireOpen(_ ticket: TicketModel, _ action: String) throws {
        guard let status = TicketStatus(rawValue: ticket.status), status.isOpen else {
            let title = TicketStatus(rawValue: ticket.status)?.title.lowercased() ?? ticket.status
            throw Problem(
                .conflict, "ticket-not-open", "Ticket not open",
                detail: "\(action) cannot be recorded: the ticket is \(title); reopen it first.")
        }
    }

    /// Moves the ticket to `target` (when the path's rules allow) with an onstage status event.
    static func move(_ ticket: TicketModel, to target: TicketStatus?, detail: String, events: inout EventRecorder) {
        guard let target, let from = TicketStatus(rawValue: ticket.status), from != target else { return }
        ticket.status = target.rawValue
        events.statusChanged(from: from, to: target, detail: detail)
    }

    /// Adds a time entry for `principal` (or the named engineer) and keeps the ticket's total.
    static func logTime(
        _ minutes: Int, _ kind: WorkType, startedAt: Date, note: String?, billable: Bool = true,
        engineer: (id: UUID, name: String), on ticket: TicketModel, now: Date, db: any Database,
        events: inout EventRecorder, into entry: TimeEntryModel = TimeEntryModel()
    ) async throws {
        entry.id = UUID()
        entry.ticketID = ticket.id!
        entry.engineerID = engineer.id
        entry.engineerName = engineer.name
        entry.workType = kind.rawValue
        entry.startedAt = startedAt
        entry.minutes = minutes
        entry.billable = billable
        entry.note = note
        entry.createdAt = now
        try await entry.create(on: db)
        let before = ticket.minutesLogged
        ticket.minutesLogged += minutes
        events.record(
            .timeLogged, summary: "\(minutes) min \(kind.rawValue) logged by \(engineer.name)",
            before: ["minutesLogged": String(before)], after: ["minutesLogged": String(ticket.minutesLogged)])
    }

    /// The ticket's number as the API writes it.
    static func number(_ ticket: TicketModel) -> String { TicketNumber.format(ticket.number) }
}
