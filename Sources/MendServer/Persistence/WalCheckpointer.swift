import Fluent
import Logging
import SQLKit

/// Copies SQLite's write-ahead log into the database file twice a second, on a reading connection. The writer's
/// own connection has automatic checkpoints turned off: done by the writer, a checkpoint (and its fsync) held up
/// every write queued behind it (BENCHMARKS.md). A passive checkpoint never waits for the writer or the readers,
/// but under steady writes it never reaches the log's end, and SQLite starts the log over only after a
/// checkpoint that did: the log would only grow (735 MB after 20 s of creations). Past `restartFrames` the
/// writer runs one passive checkpoint itself between two transactions, which reaches the end (nothing writes
/// meanwhile) and is short (the pages are mostly copied); the next transaction then starts the log over.
enum WalCheckpointer {
    /// 64 MB of 4 KB pages: at 1,000 creations a second, a restart every few seconds.
    static let restartFrames = 16_384

    static func start(on database: any Database, writer: SQLiteWriter, logger: Logger) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                guard !Task.isCancelled, let sql = database as? any SQLDatabase else { continue }
                do {
                    let row = try await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first()
                    if let frames = try row?.decode(column: "log", as: Int.self), frames > restartFrames {
                        writer.checkpointSoon()
                    }
                } catch {
                    logger.warning("SQLite checkpoint failed: \(error)")
                }
            }
        }
    }
}
