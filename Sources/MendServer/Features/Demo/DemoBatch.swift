import Fluent
import Foundation

/// The rows of many demo tickets, held until `flush` writes each table's rows with multi-row statements: a
/// Fluent insert per note, time entry or verification cost more than the histories themselves (BENCHMARKS.md,
/// `mend kpis generate`).
final class DemoBatch {
    var tickets: [TicketModel] = []
    var events: [EventModel] = []
    var notes: [NoteModel] = []
    var timeEntries: [TimeEntryModel] = []
    var verifications: [VerificationModel] = []
    var handoffs: [CsrHandoffModel] = []
    var surveys: [SurveyModel] = []

    /// Writes the rows held, tickets first (the others refer to them), and empties the batch.
    func flush(on db: any Database) async throws {
        // Every column: a past ticket has its resolution, exit and verification, which a new one (and so the
        // creation path's insert) has not.
        try await Self.create(tickets, on: db)
        try await EventRowsInsert.run(events, on: db)
        try await SlaTimerRows.put(tickets, on: db)
        try await Self.create(notes, on: db)
        try await Self.create(timeEntries, on: db)
        try await Self.create(verifications, on: db)
        try await Self.create(handoffs, on: db)
        try await Self.create(surveys, on: db)
        tickets = []
        events = []
        notes = []
        timeEntries = []
        verifications = []
        handoffs = []
        surveys = []
    }

    /// 300 rows a statement keep a ticket's 50 columns under SQLite's 32,766 bound values.
    private static func create<M: Model>(_ models: [M], on db: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 300) {
            try await models[start..<min(start + 300, models.count)].create(on: db)
        }
    }
}
