import Fluent
import Foundation
import MendCore

/// What every resolution path does alike: refuse work on a ticket that has left Tier 2, move the ticket
/// into or out of the path's waiting status (MendCore decides when), and log time.
enum ResolutionSupport {
    /// Refuses `action` unless the ticket is still being worked by Tier 2 (not exited, not closed).
    static func requireOpen(_ ticket: TicketModel, _ action: String) throws {
        try ticket.aggregate().requireOpen(action)
    }

    /// Work started on the path puts the ticket in the path's waiting status, when the rules allow.
    static func enter(_ ticket: TicketModel, waiting: TicketStatus, detail: String, events: inout EventRecorder) throws {
        let now = events.at
        try ticket.change(&events) { t in t.enterPath(waiting: waiting, detail: detail, now: now) }
    }

    /// The path's wait is over: back to In Progress when the ticket is still in that wait.
    static func leave(_ ticket: TicketModel, waiting: TicketStatus, detail: String, events: inout EventRecorder) throws {
        let now = events.at
        try ticket.change(&events) { t in t.leavePath(waiting: waiting, detail: detail, now: now) }
    }

    /// Adds a time entry for `principal` (or the named engineer) and keeps the ticket's total.
    static func logTime(
        _ minutes: Int, _ kind: WorkType, startedAt: Date, note: String?, billable: Bool = true,
        engineer: (id: UUID, name: String), on ticket: TicketModel, now: Date, db: any Database,
        events: inout EventRecorder, into entry: TimeEntryModel = TimeEntryModel()
    ) async throws {
        try ticket.change(&events) { t in [try t.logTime(minutes: minutes, workType: kind, engineer: engineer.name)] }
        entry.id = UUID()
        entry.ticketID = try ticket.requireID()
        entry.engineerID = engineer.id
        entry.engineerName = engineer.name
        entry.workType = kind.rawValue
        entry.startedAt = startedAt
        entry.minutes = minutes
        entry.billable = billable
        entry.note = note
        entry.createdAt = now
        try await entry.create(on: db)
    }

    /// The ticket's number as the API writes it.
    static func number(_ ticket: TicketModel) -> String { TicketNumber.format(ticket.number) }
}
