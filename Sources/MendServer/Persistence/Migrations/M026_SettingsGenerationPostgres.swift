import Fluent
import SQLKit

/// The settings counter of M017 on PostgreSQL too, moved by a statement trigger on each table a ticket's settings
/// come from, in the transaction that changes them. A ticket change then reads the counter instead of the contract,
/// the company, their policy and the escalation policies: on PostgreSQL those model reads were a fifth of the
/// server's time on a note (BENCHMARKS.md, issue 24). Every server reads the counter from the database, so a change
/// made through another server counts at once.
struct M026_SettingsGenerationPostgres: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("INSERT INTO counters (name, value) VALUES ('settings', 0) ON CONFLICT (name) DO NOTHING").run()
        try await sql.raw(
            """
            CREATE OR REPLACE FUNCTION mend_settings_moved() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE counters SET value = value + 1 WHERE name = 'settings'; RETURN NULL; END $$
            """
        ).run()
        for table in M017_SettingsGeneration.tables {
            try await sql.raw(
                """
                CREATE TRIGGER \(unsafeRaw: "settings_\(table)") AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
                ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION mend_settings_moved()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "postgresql" else { return }
        for table in M017_SettingsGeneration.tables {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "settings_\(table)") ON \(unsafeRaw: table)").run()
        }
        try await sql.raw("DROP FUNCTION IF EXISTS mend_settings_moved()").run()
        try await sql.raw("DELETE FROM counters WHERE name = 'settings'").run()
    }
}
