import Fluent
import MendCore
import Vapor

/// The read side of a ticket: its notes, time, verifications, events and next possible statuses.
extension TicketService {
    func notes(of ticket: TicketModel, for principal: Principal) async throws -> [NoteModel] {
        let query = NoteModel.query(on: db).filter(\.$ticketID == ticket.id!)
        if !principal.can(.ticketsBackstage) { query.filter(\.$visibility == Visibility.onstage.rawValue) }
        return try await query.sort(\.$createdAt).all()
    }

    func timeEntries(of ticket: TicketModel, for principal: Principal) async throws -> [TimeEntryModel] {
        try principal.requireStaff("ticket")
        return try await TimeEntryModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$startedAt).all()
    }

    func verifications(of ticket: TicketModel, for principal: Principal) async throws -> [VerificationModel] {
        try principal.requireStaff("ticket")
        return try await VerificationModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$at).all()
    }

    func events(of ticket: TicketModel, for principal: Principal) async throws -> [EventModel] {
        let query = EventModel.query(on: db).filter(\.$ticketID == ticket.id!)
        if !principal.can(.ticketsBackstage) { query.filter(\.$visibility == Visibility.onstage.rawValue) }
        // In time order: an SLA firing's number comes from the version its timer row was queued at, which an
        // alert repeat can have moved on since.
        return try await query.sort(\.$at).sort(\.$seq).all()
    }

    /// Every status a person may ask for next, with the exit gates still unmet for it (MendCore `Ticket.options`).
    func transitionOptions(of ticket: TicketModel) throws -> [TransitionOption] {
        try ticket.aggregate().options().map { option in
            TransitionOption(
                to: option.status, title: option.status.title,
                unmetGates: option.unmet.map { GateResponse(gate: $0, detail: $0.explanation) }, isReopen: option.isReopen)
        }
    }
}

extension NoteModel {
    var response: NoteResponse {
        get throws {
            try NoteResponse(
                id: requireID(), body: body, visibility: try StoredValue.read(Visibility.self, visibility, column: "visibility"),
                authorID: authorID,
                authorName: authorName, isResolution: isResolution, createdAt: createdAt)
        }
    }
}

extension TimeEntryModel {
    var response: TimeEntryResponse {
        get throws {
            try TimeEntryResponse(
                id: requireID(), engineerID: engineerID, engineerName: engineerName,
                workType: try StoredValue.read(WorkType.self, workType, column: "workType"),
                startedAt: startedAt, minutes: minutes, billable: billable, note: note)
        }
    }
}

extension VerificationModel {
    var response: VerificationResponse {
        get throws {
            try VerificationResponse(
                id: requireID(), channel: try StoredValue.read(ContactChannel.self, channel, column: "channel"),
                outcome: try StoredValue.read(VerificationOutcome.self, outcome, column: "outcome"), note: note, byName: byName,
                at: at)
        }
    }
}

extension EventModel {
    var response: EventResponse {
        get throws {
            try EventResponse(
                id: requireID(), kind: try StoredValue.read(EventKind.self, kind, column: "kind"),
                visibility: try StoredValue.read(Visibility.self, visibility, column: "visibility"),
                actorID: actorID, actorName: actorName, at: at, summary: summary, before: before, after: after,
                processVersion: processVersion)
        }
    }
}
