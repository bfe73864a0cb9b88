import Fluent
import Foundation
import MendCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// One event row as written; the scheduler builds these directly, without a Fluent model per event.
struct EventRow: Sendable {
    var id: UUID
    var ticketID: UUID?
    var seq: Int
    var kind: String
    var visibility: String
    var actorID: UUID?
    var actorName: String
    var at: Date
    var before: String?
    var after: String?
    var summary: String
    /// The process definition version the change ran under (`ProcessRules.current` when it was made).
    var processVersion: Int = ProcessRules.current.definition.version
}

/// Appends events with multi-row statements: the path every change takes, so it avoids Fluent's reflection.
enum EventRowsInsert {
    static func run(_ events: [EventModel], on database: any Database) async throws {
        try await run(rows: events.map(EventRow.init), on: database)
        for event in events { event.$id.exists = true }
    }

    static let columns = [
        "id", "ticket_id", "seq", "kind", "visibility", "actor_id", "actor_name", "at", "before", "after", "summary",
        "process_version",
    ]

    static func run(rows: [EventRow], on database: any Database) async throws {
        if let sqlite = SQLiteBulk.database(database) {
            try await SQLiteBulk.insert(into: EventModel.schema, columns: columns, rows: rows, on: sqlite) { e, binds in
                binds += [
                    .id(e.id), .id(e.ticketID), .integer(e.seq), .text(e.kind), .text(e.visibility), .id(e.actorID),
                    .text(e.actorName), .instant(e.at), .string(e.before), .string(e.after), .text(e.summary),
                    .integer(e.processVersion),
                ]
            }
            return
        }
        if let postgres = PostgresBulk.database(database), !rows.isEmpty {
            var binds = PostgresBindings()
            binds.append(rows.map(\.id))
            PostgresBulk.append(rows.map(\.ticketID), fill: UUID(), to: &binds)
            binds.append(rows.map(\.seq))
            binds.append(rows.map(\.kind))
            binds.append(rows.map(\.visibility))
            PostgresBulk.append(rows.map(\.actorID), fill: UUID(), to: &binds)
            binds.append(rows.map(\.actorName))
            binds.append(rows.map(\.at))
            PostgresBulk.append(rows.map(\.before), fill: "", to: &binds)
            PostgresBulk.append(rows.map(\.after), fill: "", to: &binds)
            binds.append(rows.map(\.summary))
            binds.append(rows.map(\.processVersion))
            try await PostgresBulk.run(
                """
                INSERT INTO events (\(columns.joined(separator: ", ")))
                SELECT id, CASE WHEN ticket_null THEN NULL ELSE ticket_id END, seq, kind, visibility,
                CASE WHEN actor_null THEN NULL ELSE actor_id END, actor_name, at, CASE WHEN before_null THEN NULL ELSE before END,
                CASE WHEN after_null THEN NULL ELSE after END, summary, process_version
                FROM unnest($1::uuid[], $2::uuid[], $3::bool[], $4::bigint[], $5::text[], $6::text[], $7::uuid[], $8::bool[],
                $9::text[], $10::timestamptz[], $11::text[], $12::bool[], $13::text[], $14::bool[], $15::text[],
                $16::bigint[])
                AS v(id, ticket_id, ticket_null, seq, kind, visibility, actor_id, actor_null, actor_name, at, before,
                before_null, after, after_null, summary, process_version)
                """, binds, on: postgres)
            return
        }
        let sql = try database.sql
        // 2,000 rows of 12 values stay under SQLite's 32,766 bind parameters per statement.
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            let insert = sql.insert(into: EventModel.schema).columns(columns)
            for e in rows[start..<min(rows.count, start + 2_000)] {
                insert.values([
                    SQLBind(e.id), SQLBind(e.ticketID), SQLBind(e.seq), SQLBind(e.kind), SQLBind(e.visibility),
                    SQLBind(e.actorID), SQLBind(e.actorName), SQLBind(e.at), SQLBind(e.before), SQLBind(e.after),
                    SQLBind(e.summary), SQLBind(e.processVersion),
                ])
            }
            try await insert.run()
        }
    }
}

extension EventRow {
    /// The row of a model, for writers that hand events on (webhook fan-out).
    init(_ model: EventModel) {
        self.init(
            id: model.id!, ticketID: model.ticketID, seq: model.seq, kind: model.kind, visibility: model.visibility,
            actorID: model.actorID, actorName: model.actorName, at: model.at, before: model.before, after: model.after,
            summary: model.summary, processVersion: model.processVersion ?? ProcessRules.current.definition.version)
    }
}

extension EventModel {
    /// A model of a row built outside Fluent (the demo keeps its history as models).
    convenience init(_ row: EventRow) {
        self.init()
        id = row.id
        ticketID = row.ticketID
        seq = row.seq
        kind = row.kind
        visibility = row.visibility
        actorID = row.actorID
        actorName = row.actorName
        at = row.at
        before = row.before
        after = row.after
        summary = row.summary
        processVersion = row.processVersion
    }
}
