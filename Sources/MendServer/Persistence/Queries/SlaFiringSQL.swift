import Foundation
import MendCore

/// The SQL text of a firing batch (`SlaTimerFiring`) in one dialect. The statements read the claimed rows
/// through common table expressions: `c` the claim, `k` with each row's clock and kind, `s` the tickets that need
/// a replay, `p` the rows fired in place, each a firing of its own.
/// Keys, kinds and titles come from MendCore's types, so the SQL cannot name a clock the code does not know.
struct SlaFiringSQL: Sendable {
    /// The bind holding the tick's instant.
    var now: String
    /// The bind holding the ids' time prefix (`SlaTimerFiring.idPrefix`; on PostgreSQL `postgresIDs`).
    var idPrefix: String
    /// An expression for the rest of a time-ordered id, after its prefix.
    var idRest: String
    /// What numbers the rows of `p` for `idRest` (`n`), if it needs them.
    var rowNumber: String
    /// Wraps the id text in what the id column takes.
    var id: @Sendable (String) -> String
    /// The clock of a key: the text before its first dot.
    var clockOfKey: String
    /// A NULL the id columns take.
    var nullID: String
    /// `UTCText.format` of an instant column.
    var utc: @Sendable (String) -> String

    static let sqlite = SlaFiringSQL(
        now: "?1", idPrefix: "?5",
        idRest: """
            substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random() % 4), 1) \
            || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
            """,
        rowNumber: "", id: { $0 }, clockOfKey: "substr(key, 1, instr(key, '.') - 1)", nullID: "NULL",
        // Instants are seconds since 1970; UTCText drops the fraction.
        utc: { "strftime('%Y-%m-%dT%H:%M:%SZ', CAST(\($0) AS INTEGER), 'unixepoch')" })

    // A random id per event (`gen_random_uuid`) was a quarter of the statement; the ids of a batch count up from a
    // random base instead (`SlaTimerFiring.postgresIDs`), as RFC 9562's monotonic counter method allows.
    static let postgres = SlaFiringSQL(
        now: "$1", idPrefix: "$2", idRest: "lpad(to_hex($3 + n), 15, '0')", rowNumber: ", row_number() OVER () AS n",
        id: { "(\($0))::uuid" },
        clockOfKey: "split_part(key, '.', 1)", nullID: "NULL::uuid",
        utc: { #"to_char(\#($0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"# })

    /// Clocks whose missed breach starts the next cycle from the clocks (`SlaScheduler.needsClocks`).
    static let replayedClocks: Set<SlaClockKind> = [.update]

    /// The common table expressions over `claimed` (a parenthesised query or data-modifying statement). Rows are
    /// told apart by exact keys and one prefix, not by patterns: a busy batch classifies thousands of rows in each
    /// statement.
    func ctes(claimed: String) -> String {
        let replayed = SlaClockKind.allCases.filter { Self.replayedClocks.contains($0) }
        let inPlace = SlaClockKind.allCases.filter { !Self.replayedClocks.contains($0) }
        func keys(_ kind: String) -> String { inPlace.map { "'\($0.rawValue).\(kind)'" }.joined(separator: ", ") }
        // A warning of a replayed clock ("update.warning.3") fires in place only while its deadline is ahead.
        let warning =
            (["key IN (\(keys("warning")))"]
            + replayed.map { clock in
                let prefix = "\(clock.rawValue).warning."
                return "(substr(key, 1, \(prefix.count)) = '\(prefix)' AND (deadline IS NULL OR deadline > \(now)))"
            }).joined(separator: " OR ")
        return """
            c AS \(claimed),
            k AS (SELECT c.*, \(clockOfKey) AS clock, CASE WHEN \(warning) THEN 1 ELSE 0 END AS w,
            CASE WHEN key IN (\(keys("breach"))) THEN 1 ELSE 0 END AS b FROM c),
            s AS (SELECT DISTINCT ticket_id FROM k WHERE w = 0 AND b = 0),
            p AS (SELECT *\(rowNumber) FROM k WHERE ticket_id NOT IN (SELECT ticket_id FROM s))
            """
    }

    /// The rows Swift handles, with `replay` true for those of tickets that need their clocks; the others fired
    /// here and notify their assignee, or the service managers of an unassigned P1/P2 breach (`SlaScheduler.notify`).
    func swiftRows(columns: [String]) -> String {
        let urgent = SlaScheduler.managedPriorities.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return """
            SELECT \(columns.joined(separator: ", ")), (ticket_id IN (SELECT ticket_id FROM s)) AS replay FROM k
            WHERE ticket_id IN (SELECT ticket_id FROM s) OR assignee_id IS NOT NULL
            OR (priority IN (\(urgent)) AND b = 1)
            """
    }

    /// The events of the firings, as `SlaScheduler.event` writes them, numbered as `SlaScheduler.sequence` does.
    var insertEvents: String {
        let clocks = SlaClockKind.allCases
        let title = "CASE clock " + clocks.map { "WHEN '\($0.rawValue)' THEN '\($0.title)'" }.joined(separator: " ") + " END"
        let index = "CASE clock " + clocks.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        let after =
            #"'{"at":"' || \#(utc("at")) || '","clock":"' || clock || '","key":"' || key || '","priority":"' "#
            + #"|| priority || '"}'"#
        return """
            INSERT INTO events (\(EventRowsInsert.columns.joined(separator: ", ")))
            SELECT \(id("\(idPrefix) || \(idRest)")),
            ticket_id, version * 100 + 90 + 2 * (\(index)) + b,
            CASE WHEN b = 1 THEN '\(EventKind.slaBreached.rawValue)' ELSE '\(EventKind.slaWarning.rawValue)' END,
            '\(Visibility.backstage.rawValue)', \(nullID), '\(SlaScheduler.actorName)', \(now), NULL, \(after),
            \(title) || ' SLA ' || CASE WHEN b = 1 THEN '\(SlaScheduler.breachedText)' ELSE '\(SlaScheduler.warningText)' END
            || COALESCE(' (deadline ' || \(utc("deadline")) || ')', ''), \(ProcessRules.current.definition.version)
            FROM p
            """
    }
}
