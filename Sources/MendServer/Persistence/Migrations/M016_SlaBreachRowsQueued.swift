import Fluent
import SQLKit

/// Every timer still to fire gets its own row: until now a clock's breach row was written only when its warning
/// fired, which cost the scheduler an insert per fired warning (BENCHMARKS.md). A queued warning's breach row is
/// added here; the rest of the queue already has one row per timer.
struct M016_SlaBreachRowsQueued: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        // "update.warning.3" → "update.breach.3", due at the warning's deadline (MendCore `SlaTimerQueue.breach`).
        try await sql.raw(
            """
            INSERT INTO sla_timers (at, ticket_id, key, deadline, priority, assignee_id, version)
            SELECT deadline, ticket_id, replace(key, '.warning', '.breach'), deadline, priority, assignee_id, version
            FROM sla_timers WHERE key LIKE '%.warning%' AND deadline IS NOT NULL ON CONFLICT DO NOTHING
            """
        ).run()
    }

    func revert(on database: any Database) async throws {}
}
