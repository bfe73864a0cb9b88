import Fluent
import MendCore
import Vapor

/// Writing notes on a ticket: the row here, what the note means for the ticket in MendCore's `Ticket.addNote`.
enum TicketNotes {
    /// Adds a note and its event; `call` marks a staff note that logs a conversation with the client.
    static func add(
        _ body: String, visibility: Visibility, to ticket: TicketModel, by principal: Principal, into note: NoteModel,
        call: ContactChannel? = nil, on db: any Database, events: inout EventRecorder
    ) async throws {
        let id = try await store(body, visibility: visibility, on: ticket, by: principal, at: events.at, on: db, into: note)
        let author: NoteAuthor = principal.isClient ? .client : .staff(roleKey: principal.roleKey, call: call)
        try ticket.change(&events) { t in
            [t.addNote(id: id, visibility: visibility, author: author, authorName: principal.name)]
        }
    }

    /// Stores the note row and returns its id.
    @discardableResult
    static func store(
        _ body: String, visibility: Visibility, on ticket: TicketModel, by principal: Principal, at: Date,
        on db: any Database, into note: NoteModel = NoteModel(), isResolution: Bool = false
    ) async throws -> UUID {
        let id = UUID()
        note.id = id
        note.ticketID = try ticket.requireID()
        note.authorID = principal.userID
        note.authorName = principal.name
        note.visibility = visibility.rawValue
        note.body = body
        note.isResolution = isResolution
        note.createdAt = at
        try await NoteRowsInsert.run([note], on: db)
        return id
    }
}
