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

/// Writes repeats in batches (group commit), in SQL and without loading tickets (Fluent's per-model
/// reflection cost more than the database work, BENCHMARKS.md): one SELECT finds the open tickets of the
/// batch's fingerprints, one UPDATE ... FROM (VALUES ...) counts every repeat, one INSERT writes their events.
enum AlertRepeats {
    private struct Target: Decodable {
        var id: UUID
        var alert_fingerprint: String
        var company_id: UUID
    }

    /// One result per job; nil when the fingerprint has no open ticket (the alert then opens one).
    static func write(
        _ jobs: [AlertRepeat], on tx: any Database, webhooks: WebhookFanout
    ) async throws -> [AlertRepeatResult?] {
        let sql = try tx.sql
        let postgres = sql.dialect.name == "postgresql"
        let open = TicketStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        // The open ticket of each fingerprint looked up by it; the newest when several are open.
        let wanted = Set(jobs.filter { $0.ticketID == nil }.map(\.fingerprint))
        var byFingerprint: [String: UUID] = [:]
        if !wanted.isEmpty {
            let list = SQLList(wanted.sorted().map { SQLBind($0) })
            let rows = try await sql.raw(
                """
                SELECT id, alert_fingerprint, company_id FROM tickets WHERE alert_fingerprint IN (\(list))
                AND status IN (\(unsafeRaw: open)) ORDER BY number
                """
            ).all(decoding: Target.self)
            for row in rows { byFingerprint["\(row.company_id) \(row.alert_fingerprint)"] = row.id }
        }
        let targets = jobs.map { $0.ticketID ?? byFingerprint["\($0.company) \($0.fingerprint)"] }
        // Repeats per ticket, in arrival order: a ticket hit n times in a batch moves n versions at once.
        var order: [UUID] = []
        var count: [UUID: Int] = [:]
        for case let id? in targets {
            if count[id] == nil { order.append(id) }
            count[id, default: 0] += 1
        }
        var updated: [UUID: AlertRepeatResult] = [:]
        if !order.isEmpty {
            let at = jobs.map(\.at).max() ?? Date(timeIntervalSince1970: 0)
            let values = order.map { id -> SQLQueryString in
                postgres
                    ? "(\(bind: id)::uuid, \(bind: count[id, default: 0])::int)" : "(\(bind: id), \(bind: count[id, default: 0]))"
            }.joined(separator: ", ")
            let (alias, idColumn, n) = postgres ? ("v(id, n)", "v.id", "v.n") : ("v", "v.column1", "v.column2")
            let query: SQLQueryString =
                "UPDATE tickets SET alert_count = COALESCE(alert_count, 1) + \(unsafeRaw: n), alert_last_seen = \(bind: at), version = version + \(unsafeRaw: n), updated_at = \(bind: at) FROM (VALUES "
                + values
                + " ) AS \(unsafeRaw: alias) WHERE tickets.id = \(unsafeRaw: idColumn) AND tickets.status IN (\(unsafeRaw: open)) RETURNING tickets.id, tickets.version, tickets.alert_count, tickets.number, tickets.status"
            for row in try await sql.raw(query).all(decoding: AlertRepeatResult.self) { updated[row.id] = row }
        }
        var results: [AlertRepeatResult?] = []
        var events: [EventModel] = []
        var seen: [UUID: Int] = [:]
        for (job, target) in zip(jobs, targets) {
            guard let target, let final = updated[target] else {
                if job.ticketID != nil { throw Problem.notFound("ticket") }
                results.append(nil)
                continue
            }
            // The k-th repeat of this ticket in the batch: its own version and count.
            let k = seen[target, default: 0]
            seen[target] = k + 1
            let behind = count[target, default: 0] - 1 - k
            var row = final
            row.version -= behind
            row.alert_count -= behind
            var recorder = EventRecorder(actor: job.actor, at: job.at)
            recorder.record(
                .alertRepeated, summary: "Alert fired again (\(row.alert_count) times): \(job.summary)",
                before: ["count": String(row.alert_count - 1)],
                after: ["count": String(row.alert_count), "fingerprint": job.fingerprint])
            events += recorder.models(ticketID: row.id, version: row.version)
            results.append(row)
        }
        try await EventRowsInsert.run(events, on: tx)
        try await webhooks.queue(events.map(EventRow.init), on: tx)
        return results
    }
}
