import Fluent
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
    private var pending: [(Job, CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    static let maxBatch = 64

    init(gate: WriteGate) { self.gate = gate }

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
        try await gate.transaction(on: database) { tx in
            let numbers = try await TicketNumberSequence.next(jobs.count, on: tx)
            for (job, number) in zip(jobs, numbers) { job.ticket.number = number }
            let events = jobs.flatMap { $0.events.models(ticketID: $0.ticket.id!, version: $0.ticket.version) }
            try await TicketRowsInsert.run(jobs.map(\.ticket), events: events, on: tx)
        }
    }
}
