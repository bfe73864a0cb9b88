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

/// Writes repeats in batches (group commit), in SQL without Fluent (its per-model reflection cost more than the
/// database work, BENCHMARKS.md): one SELECT finds the open tickets of the batch's fingerprints, one SELECT loads
/// their aggregate columns (locked on PostgreSQL), MendCore's `Ticket.alertRepeated` counts each repeat, one
/// UPDATE ... FROM (VALUES ...) stores what the aggregate says and one INSERT writes the events. Each repeat is
/// one version of its ticket, as every change is.
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
        let ids = Array(Set(targets.compactMap { $0 }))
        var tickets: [UUID: (stored: StoredTicket, core: Ticket)] = [:]
        if !ids.isEmpty {
            let lock = postgres ? " FOR UPDATE" : ""
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredTicket.columns.joined(separator: ", ")) FROM tickets
                WHERE id IN (\(SQLList(ids.map { SQLBind($0) }))) AND status IN (\(unsafeRaw: open))\(unsafeRaw: lock)
                """
            ).all(decoding: StoredTicket.self)
            for row in rows { tickets[row.id] = (row, try row.aggregate()) }
        }
        var results: [AlertRepeatResult?] = []
        var events: [EventModel] = []
        var touched: [UUID] = []
        for (job, target) in zip(jobs, targets) {
            guard let target, var ticket = tickets[target] else {
                if job.ticketID != nil { throw Problem.notFound("ticket") }
                results.append(nil)
                continue
            }
            var recorder = EventRecorder(actor: job.actor, at: job.at)
            recorder.append([ticket.core.alertRepeated(at: job.at, summary: job.summary, fingerprint: job.fingerprint)])
            ticket.stored.version += 1
            if !touched.contains(target) { touched.append(target) }
            tickets[target] = ticket
            events += recorder.models(ticketID: target, version: ticket.stored.version)
            results.append(
                AlertRepeatResult(
                    id: target, version: ticket.stored.version, alert_count: ticket.core.alertCount ?? 1,
                    number: ticket.stored.number, status: ticket.core.status.rawValue))
        }
        let changed = touched.compactMap { tickets[$0] }
        if !changed.isEmpty {
            let values = changed.map { t -> SQLQueryString in
                let seen = t.core.alertLastSeen ?? t.stored.created_at
                return postgres
                    ? "(\(bind: t.stored.id)::uuid, \(bind: t.core.alertCount ?? 1)::int, \(bind: seen)::timestamptz, \(bind: t.stored.version)::int)"
                    : "(\(bind: t.stored.id), \(bind: t.core.alertCount ?? 1), \(bind: seen), \(bind: t.stored.version))"
            }.joined(separator: ", ")
            let (alias, v) =
                postgres
                ? ("v(id, n, seen, version)", ["v.id", "v.n", "v.seen", "v.version"])
                : ("v", ["v.column1", "v.column2", "v.column3", "v.column4"])
            try await sql.raw(
                "UPDATE tickets SET alert_count = \(unsafeRaw: v[1]), alert_last_seen = \(unsafeRaw: v[2]), version = \(unsafeRaw: v[3]), updated_at = \(unsafeRaw: v[2]) FROM (VALUES "
                    + values + " ) AS \(unsafeRaw: alias) WHERE tickets.id = \(unsafeRaw: v[0])"
            ).run()
        }
        try await EventRowsInsert.run(events, on: tx)
        try await webhooks.queue(events.map(EventRow.init), on: tx)
        return results
    }
}
