import Fluent
import SQLKit

/// Events no longer carry a foreign key to their ticket. The log is append-only and every writer takes the
/// ticket id from a ticket it has just read or written in the same transaction, so the check only cost: on
/// SQLite a lookup in the tickets' key per event (30 ms per 5,000 scheduler events), on PostgreSQL also a
/// row lock on the ticket, which dirties its page (BENCHMARKS.md). Tickets are never deleted.
struct M015_EventsWithoutTicketCheck: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name == "postgresql" {
            struct Constraint: Decodable { var conname: String }
            let constraints = try await sql.raw(
                """
                SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'f'
                AND confrelid = 'tickets'::regclass
                """
            ).all(decoding: Constraint.self)
            for constraint in constraints {
                try await sql.raw("ALTER TABLE events DROP CONSTRAINT \(ident: constraint.conname)").run()
            }
            return
        }
        // SQLite cannot drop a constraint: the table is built again without it, keeping any column a later
        // migration added (run again over a newer log, nothing is lost).
        struct Column: Decodable { var name: String; var type: String }
        let fixed = [
            "id", "ticket_id", "seq", "kind", "visibility", "actor_id", "actor_name", "at", "before", "after", "summary",
        ]
        let later = try await sql.raw("SELECT name, type FROM pragma_table_info('events')").all(decoding: Column.self)
            .filter { !fixed.contains($0.name) }
        let extra = later.map { ", \"\($0.name)\" \($0.type)" }.joined()
        try await sql.raw(
            """
            CREATE TABLE events_rebuilt ("id" UUID PRIMARY KEY, "ticket_id" UUID, "seq" INTEGER NOT NULL,
            "kind" TEXT NOT NULL, "visibility" TEXT NOT NULL, "actor_id" UUID, "actor_name" TEXT NOT NULL,
            "at" REAL NOT NULL, "before" TEXT, "after" TEXT, "summary" TEXT NOT NULL\(unsafeRaw: extra))
            """
        ).run()
        let columns = (fixed + later.map { "\"\($0.name)\"" }).joined(separator: ", ")
        try await sql.raw("INSERT INTO events_rebuilt (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM events").run()
        try await sql.drop(table: "events").run()
        try await sql.raw("ALTER TABLE events_rebuilt RENAME TO events").run()
        try await sql.create(index: "idx_events_ticket").on("events").column("ticket_id").column("seq").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE events ADD FOREIGN KEY (ticket_id) REFERENCES tickets (id)").run()
        }
    }
}
