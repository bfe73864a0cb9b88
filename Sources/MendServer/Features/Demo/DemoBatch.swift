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
        // A thousand tickets of 41 columns stay under PostgreSQL's 65,535 bound values in one statement.
        for start in stride(from: 0, to: tickets.count, by: 1_000) {
            try await TicketRowsInsert.run(Array(tickets[start..<min(start + 1_000, tickets.count)]), events: [], on: db)
        }
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

    /// A few hundred rows a statement keeps under SQLite's bound-value limit.
    private static func create<M: Model>(_ models: [M], on db: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 500) {
            try await models[start..<min(start + 500, models.count)].create(on: db)
        }
    }
}
