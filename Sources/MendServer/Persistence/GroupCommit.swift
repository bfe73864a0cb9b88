import Fluent
import Logging
import Synchronization

/// Group commit: jobs that arrive while a batch is being written go into the next batch, written in one
/// transaction through the write gate. With one writer at a time (SQLite) a burst then costs one commit per
/// batch instead of one per job. A batch that fails is retried one job at a time, so only the bad job
/// reports the error, unless `retriesAlone` is false: then every job of it gets the error. Jobs queue under
/// a lock rather than on an actor: a hop onto an actor's executor and back per request was measurable on the
/// creation path.
final class GroupCommit<Job: Sendable, Output: Sendable>: Sendable {
    typealias Write = @Sendable ([Job], any Database) async throws -> [Output]

    private struct State {
        var pending: [(Job, CheckedContinuation<Output, any Error>)] = []
        var writing = false
    }

    private let gate: WriteGate
    private let write: Write
    private let maxBatch: Int
    private let retriesAlone: Bool
    private let state = Mutex(State())
    /// At debug level, each batch's size and time in the gate: what bounds throughput on SQLite.
    private let logger = Logger(label: "mend.group-commit")

    /// `write` gets a batch and the transaction and returns one output per job, in order. With `retriesAlone`
    /// false a failed batch is not written again: for jobs that must not run twice.
    init(gate: WriteGate, maxBatch: Int = 64, retriesAlone: Bool = true, write: @escaping Write) {
        self.gate = gate
        self.maxBatch = maxBatch
        self.retriesAlone = retriesAlone
        self.write = write
    }

    /// Returns the job's output once its batch is committed.
    func submit(_ job: Job, on database: any Database) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.pending.append((job, continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            // On the writer thread: the batch's statements resume there at once, not behind HTTP work.
            if start { Task(executorPreference: WriterExecutor.shared) { await self.drain(on: database) } }
        }
    }

    private func drain(on database: any Database) async {
        while let batch = nextBatch() {
            do {
                let started = ContinuousClock.now
                let outputs = try await commit(batch.map(\.0), on: database)
                logger.debug("batch of \(batch.count) committed in \(ContinuousClock.now - started)")
                for (item, output) in zip(batch, outputs) { item.1.resume(returning: output) }
            } catch {
                guard retriesAlone else {
                    for (_, continuation) in batch { continuation.resume(throwing: error) }
                    continue
                }
                for (job, continuation) in batch {
                    do {
                        continuation.resume(returning: try await commit([job], on: database)[0])
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
    }

    /// Up to `maxBatch` waiting jobs; nil (and the drain ends) when none are left.
    private func nextBatch() -> [(Job, CheckedContinuation<Output, any Error>)]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.writing = false
                return nil
            }
            let batch = Array(state.pending.prefix(maxBatch))
            state.pending.removeFirst(batch.count)
            return batch
        }
    }

    private func commit(_ jobs: [Job], on database: any Database) async throws -> [Output] {
        let write = self.write
        return try await gate.transaction(on: database) { tx in try await write(jobs, tx) }
    }
}
