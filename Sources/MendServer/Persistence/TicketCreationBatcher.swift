import Fluent
import MendCore
import SQLKit

/// Ticket creation through group commit: a batch numbers and inserts all its tickets and their events with
/// one statement each, in one transaction.
struct TicketCreationBatcher: Sendable {
    struct Job: Sendable {
        var ticket: TicketModel
        var events: EventRecorder
        /// Notes that come with the ticket (Tier 1's handoff).
        var notes: [NoteModel] = []
    }

    private let commits: GroupCommit<Job, Void>

    init(gate: WriteGate, reads: SettingsReads, sla: SlaParseCache, webhooks: WebhookFanout, handoffMinutes: Int) {
        commits = GroupCommit(gate: gate) { jobs, tx in
            try await TicketWriter.insertNew(
                jobs, on: tx, reads: reads, sla: sla, webhooks: webhooks, handoffMinutes: handoffMinutes)
            return jobs.map { _ in () }
        }
    }

    /// Numbers and stores the ticket with its events; returns when they are committed.
    func create(_ job: Job, on database: any Database) async throws {
        try await commits.submit(job, on: database)
    }
}
