import Fluent
import MendCore
import Vapor

/// Writing notes on a ticket; a resolution note also becomes the ticket's resolution text.
enum TicketNotes {
    static func add(
        _ body: String, visibility: Visibility, to ticket: TicketModel, by principal: Principal, into note: NoteModel,
        on db: any Database, events: inout EventRecorder, isResolution: Bool = false
    ) async throws {
        note.id = UUID()
        note.ticketID = ticket.id!
        note.authorID = principal.userID
        note.authorName = principal.name
        note.visibility = visibility.rawValue
        note.body = body
        note.isResolution = isResolution
        note.createdAt = events.at
        try await note.create(on: db)
        if isResolution { ticket.resolution = body }
        let label = isResolution ? "Resolution note" : (visibility == .onstage ? "Client-visible note" : "Internal note")
        events.record(
            .noteAdded, visibility, summary: "\(label) by \(principal.name)",
            after: ["noteID": note.id!.uuidString, "by": principal.isClient ? "client" : "staff"])
    }
}
