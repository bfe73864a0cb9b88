import Fluent
import Foundation
import MendCore
import SQLKit

/// A repeat of an alert whose ticket is open: the hot path of a noisy monitor.
struct AlertRepeat: Sendable {
    var ticketID: UUID
    var summary: String
    var fingerprint: String
    var actor: Principal
    var at: Date
}

/// The ticket a repeat was counted on.
struct AlertRepeatResult: Sendable, Decodable {
    var version: Int
    var alert_count: Int
    var number: Int
    var status: String
}

/// Writes repeats in batches (group commit): one UPDATE per repeat (count, last seen, version) and one insert
/// for all their events, in SQL, without loading tickets (Fluent's per-model reflection cost more than the
/// database work, BENCHMARKS.md).
enum AlertRepeats {
    static func write(_ jobs: [AlertRepeat], on tx: any Database) async throws -> [AlertRepeatResult] {
        let sql = tx as! any SQLDatabase
        var results: [AlertRepeatResult] = []
        var events: [EventModel] = []
        for job in jobs {
            let rows = try await sql.raw(
                """
                UPDATE tickets SET alert_count = COALESCE(alert_count, 1) + 1, alert_last_seen = \(bind: job.at),
                version = version + 1, updated_at = \(bind: job.at) WHERE id = \(bind: job.ticketID)
                RETURNING version, alert_count, number, status
                """
            ).all(decoding: AlertRepeatResult.self)
            guard let row = rows.first else { throw Problem.notFound("ticket") }
            var recorder = EventRecorder(actor: job.actor, at: job.at)
            recorder.record(
                .alertRepeated, summary: "Alert fired again (\(row.alert_count) times): \(job.summary)",
                before: ["count": String(row.alert_count - 1)],
                after: ["count": String(row.alert_count), "fingerprint": job.fingerprint])
            events += recorder.models(ticketID: job.ticketID, version: row.version)
            results.append(row)
        }
        try await EventRowsInsert.run(events, on: tx)
        return results
    }
}
