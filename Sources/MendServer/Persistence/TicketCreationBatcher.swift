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

    init(gate: WriteGate, reads: CreationReads, sla: SlaParseCache, webhooks: WebhookFanout, handoffMinutes: Int) {
        commits = GroupCommit(gate: gate) { jobs, tx in
            try await Self.insert(
                jobs, on: tx, reads: reads, sla: sla, webhooks: webhooks, handoffMinutes: handoffMinutes)
            return jobs.map { _ in () }
        }
    }

    /// Numbers and stores the ticket with its events; returns when they are committed.
    func create(_ job: Job, on database: any Database) async throws {
        try await commits.submit(job, on: database)
    }

    /// Numbers new tickets, starts their clocks and inserts them with their events, inside the caller's
    /// transaction (the alert intake opens tickets in its own).
    static func insert(
        _ jobs: [Job], on tx: any Database, reads: CreationReads, sla: SlaParseCache, webhooks: WebhookFanout,
        handoffMinutes: Int
    ) async throws {
        let numbers = try await TicketNumberSequence.next(jobs.count, on: tx)
        for (job, number) in zip(jobs, numbers) { job.ticket.number = number }
        // Clocks start with the ticket; the batch reads each company's contract and policy once.
        let now = jobs[0].ticket.createdAt
        // The escalation watch's first look is planned here too: the scheduler wakes for a new ticket only when
        // something is due (an after-hours page, a handoff reminder, a level).
        let (settings, policies) = try await reads.read(
            companies: Set(jobs.map(\.ticket.companyID)), today: LocalDate(now), on: tx, sla: sla)
        for job in jobs {
            let ticket = job.ticket
            let found = settings[ticket.companyID]
            if let found {
                let start = SlaHistory(
                    start: ticket.slaStart ?? ticket.createdAt,
                    initialStatus: try StoredValue.read(TicketStatus.self, ticket.status, column: "status"))
                try SlaRefresh.apply(history: start, settings: found, to: ticket, now: ticket.createdAt)
            }
            try TicketWatchScheduler.schedule(
                ticket, calendar: found?.calendar, policies: policies, handoffMinutes: handoffMinutes, now: ticket.createdAt)
        }
        let events = jobs.flatMap { $0.events.models(ticketID: $0.ticket.id!, version: $0.ticket.version) }
        try await TicketRowsInsert.run(jobs.map(\.ticket), events: events, on: tx)
        try await SlaTimerRows.put(jobs.map(\.ticket), on: tx)
        try await webhooks.queue(events.map(EventRow.init), tickets: jobs.map(\.ticket), on: tx)
        for note in jobs.flatMap(\.notes) { try await note.create(on: tx) }
    }
}
