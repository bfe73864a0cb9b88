import Fluent
import Foundation
import SQLiteNIO

/// Inserts notes with one statement, past Fluent's per-model reflection: a note is written with every note added to
/// a ticket, and Fluent's create was 2.6% of the server's time on that path (BENCHMARKS.md).
enum NoteRowsInsert {
    static let columns = ["id", "ticket_id", "author_id", "author_name", "visibility", "body", "is_resolution", "created_at"]

    static func run(_ notes: [NoteModel], on database: any Database) async throws {
        guard !notes.isEmpty else { return }
        guard let sqlite = SQLiteBulk.database(database) else {
            for note in notes { try await note.create(on: database) }
            return
        }
        try await SQLiteBulk.insert(into: NoteModel.schema, columns: columns, rows: notes, on: sqlite) { n, binds in
            binds += [
                .id(n.id), .id(n.ticketID), .id(n.authorID), .text(n.authorName), .text(n.visibility), .text(n.body),
                .flag(n.isResolution), .instant(n.createdAt),
            ]
        }
        // The rows are stored: a later save of these models is an UPDATE.
        for note in notes { note.$id.exists = true }
    }
}
