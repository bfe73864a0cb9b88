import Fluent
import MendCore
import SQLKit

/// Group commit for ticket creation: requests that arrive while a batch is being written go into the next
/// batch, which numbers and inserts all its tickets and their events with one statement each, in one transaction.
/// One writer at a time (SQLite) then costs one commit per batch instead of one per ticket.
actor TicketCreationBatcher {
    struct Job: Sendable {
        var ticket: TicketModel
        var events: EventRecorder
    }

    private let gate: WriteGate
    private let sla: SlaParseCache
    private var pending: [(Job, CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    static let maxBatch = 64

    init(gate: WriteGate, sla: SlaParseCache) {
        self.gate = gate
        self.sla = sla
    }

    /// Numbers and stores the ticket with its events; returns when they are committed.
    func create(_ job: Job, on database: any Database) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((job, continuation))
            if !writing {
                writing = true
                Task { await self.drain(on: database) }
            }
        }
    }

    private func drain(on database: any Database) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            do {
                try await write(batch.map(\.0), on: database)
                batch.forEach { $0.1.resume() }
            } catch {
                // One bad ticket must not fail its neighbours: retry each alone so only it reports the error.
                for (job, continuation) in batch {
                    do {
                        try await write([job], on: database)
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }

    private func write(_ jobs: [Job], on database: any Database) async throws {
        let sla = self.sla
        try await gate.transaction(on: database) { tx in try await Self.insert(jobs, on: tx, sla: sla) }
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
        let events = jobs.flatMap { $0.events.models(ticketID: $0.ticket.id!, version: $0.ticket.version) }
        try await TicketRowsInsert.run(jobs.map(\.ticket), events: events, on: tx)
    }
}
