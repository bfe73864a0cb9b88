import Fluent
import Foundation
import MendCore
import PostgresNIO
import SQLiteNIO

/// A scheduler batch fired inside the database: the claim and the events of the rows that need nothing but
/// themselves are set-based statements, so the thousands of rows of a busy tick never pass through Swift
/// (their decoding, binds and event texts were most of a tick).
/// Only the rows that need Swift come back: every row of a ticket whose clocks must be replayed (a replay row,
/// a missed client update, a key this version does not know), and the rows whose firing notifies someone.
/// The events match `SlaScheduler.event` (tested side by side), and the rules match `SlaScheduler`'s: an
/// update clock's missed breach needs the clocks.
enum SlaTimerFiring {
    /// What a batch claimed and fired.
    struct Claim {
        /// Rows claimed (deleted) in all.
        var claimed: Int
        /// Events written by the statements.
        var fired: Int
        /// Rows Swift handles: `replay` rows have not fired; the others fired and may notify.
        var rows: [(row: SlaTimerRows.Row, replay: Bool)]
    }

    /// Claims the earliest `limit` rows due by `now` and fires what needs no Swift.
    /// On PostgreSQL a `share` takes only the rows of its part of the tickets (SQLite's claims are never parallel).
    static func fire(
        dueBy now: Date, limit: Int, share: SlaTimerRows.Share, on db: any Database
    ) async throws -> Claim {
        if let sqlite = SQLiteBulk.database(db) { return try await fire(dueBy: now, limit: limit, sqlite: sqlite) }
        return try await fire(
            dueBy: now, limit: limit, share: share, postgres: PostgresBulk.database(db).guaranteed("a PostgreSQL connection"))
    }

    // MARK: SQLite: one writer, so the claim is a key range read by each statement, then deleted

    private static func fire(dueBy now: Date, limit: Int, sqlite: any SQLiteDatabase) async throws -> Claim {
        let sql = SlaFiringSQL.sqlite
        // The last row of the batch bounds the range; fewer rows due than `limit` take all of them ("~" sorts after
        // every id and key).
        let last = try await sqlite.query(
            "SELECT at, ticket_id, key FROM sla_timers WHERE at <= ?1 ORDER BY at, ticket_id, key LIMIT 1 OFFSET ?2",
            [.instant(now), .integer(limit - 1)]
        ).first
        if last == nil,
            try await sqlite.query("SELECT 1 AS due FROM sla_timers WHERE at <= ?1 LIMIT 1", [.instant(now)]).isEmpty
        {
            // Most ticks find nothing due: that answer costs one probe of the key, not the batch's statements.
            return Claim(claimed: 0, fired: 0, rows: [])
        }
        let binds: [SQLiteData] = [
            .instant(now), last?.column("at") ?? .instant(now), last?.column("ticket_id") ?? .text("~"),
            last?.column("key") ?? .text("~"), .text(idPrefix(now, uppercase: true)),
        ]
        let claimed = "(SELECT * FROM sla_timers WHERE at <= ?1 AND (at, ticket_id, key) <= (?2, ?3, ?4))"
        let with = "WITH " + sql.ctes(claimed: claimed)
        // SQLite refuses binds past the highest one a statement names; only the events name the ids' prefix.
        let range = Array(binds[0..<4])
        let rows = try await sqlite.query(with + " " + sql.swiftRows(columns: SlaTimerRows.columns), range)
        try await sqlite.query(with + " " + sql.insertEvents, binds) { _ in }
        let fired = try await changes(sqlite)
        try await sqlite.query("DELETE FROM sla_timers WHERE at <= ?1 AND (at, ticket_id, key) <= (?2, ?3, ?4)", range) { _ in }
        return Claim(
            claimed: try await changes(sqlite), fired: fired,
            rows: rows.compactMap { row in
                SlaTimerRows.Row(sqlite: row).map { ($0, row.column("replay")?.integer == 1) }
            })
    }

    /// Rows the connection's last statement wrote.
    private static func changes(_ sqlite: any SQLiteDatabase) async throws -> Int {
        try await sqlite.query("SELECT changes() AS n").first?.column("n")?.integer ?? 0
    }

    // MARK: PostgreSQL: one statement; rows another server holds are skipped, not waited for

    private static func fire(
        dueBy now: Date, limit: Int, share: SlaTimerRows.Share, postgres: any PostgresDatabase
    ) async throws -> Claim {
        let sql = SlaFiringSQL.postgres
        let claim = "(\(SlaTimerRows.postgresClaim(limit: limit, share: share)) RETURNING *)"
        var binds = PostgresBindings()
        binds.append(now)
        let ids = postgresIDs(now)
        binds.append(ids.prefix)
        binds.append(ids.base)
        let statement = """
            WITH \(sql.ctes(claimed: claim)),
            e AS (\(sql.insertEvents) RETURNING 1)
            SELECT (SELECT count(*) FROM c) AS claimed, (SELECT count(*) FROM e) AS fired,
            (SELECT json_agg(json_build_object('at', (extract(epoch FROM at) * 1000000)::bigint, 'ticket_id', ticket_id,
            'key', key, 'deadline', (extract(epoch FROM deadline) * 1000000)::bigint, 'priority', priority,
            'assignee_id', assignee_id, 'version', version, 'replay', replay)) FROM (\(sql.swiftRows(columns: ["*"])))
            AS r)::text AS rows
            """
        let (claimed, fired, text) = try await PostgresBulk.query(statement, binds, on: postgres) { result in
            for try await (claimed, fired, rows) in result.decode((Int, Int, String?).self) {
                return (claimed, fired, rows)
            }
            return (0, 0, nil)
        }
        guard let data = text.map({ Data($0.utf8) }) else { return Claim(claimed: claimed, fired: fired, rows: []) }
        // Instants travel as whole microseconds, PostgreSQL's own precision, so a row handed back is put in unchanged.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: Double(try decoder.singleValueContainer().decode(Int64.self)) / 1_000_000)
        }
        let rows = try decoder.decode([HandedBack].self, from: data)
        return Claim(claimed: claimed, fired: fired, rows: rows.map { ($0.row, $0.replay) })
    }

    /// A row of the statement's JSON list: the timer row's own members and its `replay` flag, read in one pass.
    private struct HandedBack: Decodable {
        var row: SlaTimerRows.Row
        var replay: Bool

        private enum Keys: String, CodingKey { case replay }

        init(from decoder: any Decoder) throws {
            row = try SlaTimerRows.Row(from: decoder)
            replay = try decoder.container(keyedBy: Keys.self).decode(Bool.self, forKey: .replay)
        }
    }

    /// The first 15 characters of a time-ordered id (MendCore `TimeOrderedID`) made at `now`: its milliseconds and
    /// version nibble; the statements add the random rest per event.
    static func idPrefix(_ now: Date, uppercase: Bool) -> String {
        let milliseconds = self.milliseconds(now, uppercase: uppercase)
        return milliseconds.prefix(8) + "-" + milliseconds.suffix(4) + "-7"
    }

    /// A batch's time-ordered ids on PostgreSQL: the first 17 hex digits (milliseconds, version, 12 random bits,
    /// variant) and a random base for the last 15, to which each event adds its row number. Ids of one batch are
    /// distinct and ascending; those of two batches in one millisecond differ in 12 + 60 random bits.
    static func postgresIDs(_ now: Date) -> (prefix: String, base: Int64) {
        let randomA = hex(UInt64.random(in: 0..<0x1000), digits: 3, uppercase: false)
        let variant = hex(UInt64.random(in: 8..<12), digits: 1, uppercase: false)
        // 2^20 below the 15 digits' end, so base + row number never needs a 16th digit.
        let base = Int64.random(in: 0..<(1 << 60 - 1 << 20))
        return (milliseconds(now, uppercase: false) + "7" + randomA + variant, base)
    }

    /// The 48 bits of Unix milliseconds that start a time-ordered id, as 12 hex digits.
    private static func milliseconds(_ now: Date, uppercase: Bool) -> String {
        hex(UInt64(max(0, now.timeIntervalSince1970 * 1_000)) & 0xFFFF_FFFF_FFFF, digits: 12, uppercase: uppercase)
    }

    private static func hex(_ value: UInt64, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: digits - text.count) + text
    }
}
