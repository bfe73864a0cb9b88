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

    init(gate: WriteGate, sla: SlaParseCache) {
        commits = GroupCommit(gate: gate) { jobs, tx in
            try await Self.insert(jobs, on: tx, sla: sla)
            return jobs.map { _ in () }
        }
    }

    /// Numbers and stores the ticket with its events; returns when they are committed.
    func create(_ job: Job, on database: any Database) async throws {
        try await commits.submit(job, on: database)
    }

    /// Numbers new tickets, starts their clocks and inserts them with their events, inside the caller's
    /// transaction (the alert intake opens tickets in its own).
    static func insert(_ jobs: [Job], on tx: any Database, sla: SlaParseCache) async throws {
        let numbers = try await TicketNumberSequence.next(jobs.count, on: tx)
        for (job, number) in zip(jobs, numbers) { job.ticket.number = number }
        // Clocks start with the ticket; the batch reads each company's contract and policy once.
        let now = jobs[0].ticket.createdAt
        let settings = try await SlaSettingsLoader(db: tx, cache: sla).current(
            for: Set(jobs.map(\.ticket.companyID)), today: LocalDate(now))
        for job in jobs {
            guard let found = settings[job.ticket.companyID] else { continue }
            let ticket = job.ticket
            let start = SlaHistory(
                start: ticket.slaStart ?? ticket.createdAt, initialStatus: TicketStatus(rawValue: ticket.status) ?? .new)
            SlaRefresh.apply(history: start, settings: found, to: ticket, now: ticket.createdAt)
        }
        // Only tickets the escalation watch has something to check on get its first look.
        let policies = try await TicketWatchScheduler.priorities(withPoliciesOn: tx)
        for job in jobs {
            job.ticket.watchNextAt = TicketWatchScheduler.nextLook(job.ticket, now: job.ticket.createdAt, policies: policies)
        }
        let events = jobs.flatMap { $0.events.models(ticketID: $0.ticket.id!, version: $0.ticket.version) }
        try await TicketRowsInsert.run(jobs.map(\.ticket), events: events, on: tx)
        for note in jobs.flatMap(\.notes) { try await note.create(on: tx) }
    }
}
