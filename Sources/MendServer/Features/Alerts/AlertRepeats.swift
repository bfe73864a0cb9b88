import Fluent
import Foundation
import MendCore
import SQLKit

/// A repeat of an alert whose ticket is open: the hot path of a noisy monitor. Without `ticketID` the open
/// ticket is found by fingerprint inside the same UPDATE, so a repeat costs one statement and no read before it.
struct AlertRepeat: Sendable {
    var ticketID: UUID?
    var company: UUID
    var summary: String
    var fingerprint: String
    var actor: Principal
    var at: Date
}

/// The ticket a repeat was counted on.
struct AlertRepeatResult: Sendable, Decodable {
    var id: UUID
    var version: Int
    var alert_count: Int
    var number: Int
    var status: String
}

/// Writes repeats in batches (group commit): one UPDATE per repeat (count, last seen, version) and one insert
/// for all their events, in SQL, without loading tickets (Fluent's per-model reflection cost more than the
/// database work, BENCHMARKS.md).
enum AlertRepeats {
    /// One result per job; nil when the fingerprint has no open ticket (the alert then opens one).
    static func write(_ jobs: [AlertRepeat], on tx: any Database) async throws -> [AlertRepeatResult?] {
        let sql = tx as! any SQLDatabase
        let open = TicketStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var results: [AlertRepeatResult?] = []
        var events: [EventModel] = []
        for job in jobs {
            let target: SQLQueryString =
                if let id = job.ticketID { "\(bind: id)" } else {
                    """
                    (SELECT id FROM tickets WHERE alert_fingerprint = \(bind: job.fingerprint) AND company_id = \(bind: job.company)
                    AND status IN (\(unsafeRaw: open)) ORDER BY number DESC LIMIT 1)
                    """
                }
            let rows = try await sql.raw(
                """
                UPDATE tickets SET alert_count = COALESCE(alert_count, 1) + 1, alert_last_seen = \(bind: job.at),
                version = version + 1, updated_at = \(bind: job.at) WHERE id = \(target)
                RETURNING id, version, alert_count, number, status
                """
            ).all(decoding: AlertRepeatResult.self)
            guard let row = rows.first else {
                if job.ticketID != nil { throw Problem.notFound("ticket") }
                results.append(nil)
                continue
            }
            var recorder = EventRecorder(actor: job.actor, at: job.at)
            recorder.record(
                .alertRepeated, summary: "Alert fired again (\(row.alert_count) times): \(job.summary)",
                before: ["count": String(row.alert_count - 1)],
                after: ["count": String(row.alert_count), "fingerprint": job.fingerprint])
            events += recorder.models(ticketID: row.id, version: row.version)
            results.append(row)
        }
        try await EventRowsInsert.run(events, on: tx)
        return results
    }
}
