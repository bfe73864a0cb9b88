import Fluent
import Logging

/// Group commit: jobs that arrive while a batch is being written go into the next batch, written in one
/// transaction through the write gate. With one writer at a time (SQLite) a burst then costs one commit per
/// batch instead of one per job. A batch that fails is retried one job at a time, so only the bad job
/// reports the error.
actor GroupCommit<Job: Sendable, Output: Sendable> {
    typealias Write = @Sendable ([Job], any Database) async throws -> [Output]

    private let gate: WriteGate
    private let write: Write
    private let maxBatch: Int
    private var pending: [(Job, CheckedContinuation<Output, any Error>)] = []
    private var writing = false
    /// At debug level, each batch's size and time in the gate: what bounds throughput on SQLite.
    private let logger = Logger(label: "mend.group-commit")

    /// `write` gets a batch and the transaction and returns one output per job, in order.
    init(gate: WriteGate, maxBatch: Int = 64, write: @escaping Write) {
        self.gate = gate
        self.maxBatch = maxBatch
        self.write = write
    }

    /// Returns the job's output once its batch is committed.
    func submit(_ job: Job, on database: any Database) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((job, continuation))
            if !writing {
                writing = true
                // On the writer thread: the batch's statements resume there at once, not behind HTTP work.
                Task(executorPreference: WriterExecutor.shared) { await self.drain(on: database) }
            }
        }
    }

    private func drain(on database: any Database) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let started = ContinuousClock.now
                let outputs = try await commit(batch.map(\.0), on: database)
                logger.debug("batch of \(batch.count) committed in \(ContinuousClock.now - started), \(pending.count) waiting")
                for (item, output) in zip(batch, outputs) { item.1.resume(returning: output) }
            } catch {
                for (job, continuation) in batch {
                    do {
                        continuation.resume(returning: try await commit([job], on: database)[0])
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }

    private func commit(_ jobs: [Job], on database: any Database) async throws -> [Output] {
        let write = self.write
        return try await gate.transaction(on: database) { tx in try await write(jobs, tx) }
    }
}
