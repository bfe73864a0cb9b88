import Fluent
import SQLKit

/// On SQLite, a counter that every change to the tables a new ticket's settings come from (companies, contracts,
/// SLA and escalation policies) moves, kept by triggers so writes from any path or process count. The creation
/// batch keeps what it read while the counter stands still (`SettingsReads`): its three reads were a third of
/// the statements of every batch. PostgreSQL has the same counter from M026.
struct M017_SettingsGeneration: AsyncMigration {
    static let tables = ["companies", "contracts", "sla_policies", "escalation_policies"]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("INSERT OR IGNORE INTO counters (name, value) VALUES ('settings', 0)").run()
        for table in Self.tables {
            for change in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER IF NOT EXISTS \(unsafeRaw: "settings_\(table)_\(change.lowercased())")
                    AFTER \(unsafeRaw: change) ON \(unsafeRaw: table)
                    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'settings'; END
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for table in Self.tables {
            for change in ["insert", "update", "delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "settings_\(table)_\(change)")").run()
            }
        }
        try await sql.raw("DELETE FROM counters WHERE name = 'settings'").run()
    }
}
