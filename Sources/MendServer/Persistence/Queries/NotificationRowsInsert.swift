import Fluent
import Foundation
import PostgresNIO
import SQLiteNIO

/// Appends notifications with the bulk paths events take: the scheduler writes one per firing of an assigned
/// ticket, and Fluent's per-model insert (its reflection over each row's fields) took 2 of a 2.3 s tick that
/// notified 10,000 times (BENCHMARKS.md).
enum NotificationRowsInsert {
    static let columns = ["id", "user_id", "ticket_id", "kind", "title", "body", "created_at", "deliver_at"]

    static func run(_ rows: [NotificationModel], on database: any Database) async throws {
        guard !rows.isEmpty else { return }
        for row in rows where row.id == nil { row.id = UUID() }
        if let sqlite = SQLiteBulk.database(database) {
            try await SQLiteBulk.insert(into: NotificationModel.schema, columns: columns, rows: rows, on: sqlite) {
                n, binds in
                binds += [
                    .id(n.id), .id(n.userID), .id(n.ticketID), .text(n.kind), .text(n.title), .text(n.body),
                    .instant(n.createdAt), .instant(n.deliverAt),
                ]
            }
        } else if let postgres = PostgresBulk.database(database) {
            var binds = PostgresBindings()
            binds.append(rows.map { $0.id! })
            binds.append(rows.map(\.userID))
            PostgresBulk.append(rows.map(\.ticketID), fill: UUID(), to: &binds)
            binds.append(rows.map(\.kind))
            binds.append(rows.map(\.title))
            binds.append(rows.map(\.body))
            binds.append(rows.map(\.createdAt))
            binds.append(rows.map(\.deliverAt))
            try await PostgresBulk.run(
                """
                INSERT INTO notifications (\(columns.joined(separator: ", ")))
                SELECT id, user_id, CASE WHEN ticket_null THEN NULL ELSE ticket_id END, kind, title, body, created_at,
                deliver_at
                FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bool[], $5::text[], $6::text[], $7::text[],
                $8::timestamptz[], $9::timestamptz[])
                AS v(id, user_id, ticket_id, ticket_null, kind, title, body, created_at, deliver_at)
                """, binds, on: postgres)
        } else {
            try await rows.create(on: database)
            return
        }
        // Stored: later saves of these models are updates.
        for row in rows { row.$id.exists = true }
    }
}
