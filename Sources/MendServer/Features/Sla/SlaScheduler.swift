import Fluent
import Foundation
import MendCore
import SQLKit

/// Fires SLA warnings and breaches. It reads only tickets whose indexed `sla_next_at` has come, claims them
/// with `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite has one writer at a time), and records each firing
/// in the ticket's fired keys in the same transaction as its event: a key fired is never fired again, and
/// a claim lost to a crash rolls back and fires on the next tick, late but once.
public struct SlaScheduler: Sendable {
    let db: any Database
    let services: MendServices
    /// Tickets claimed per transaction.
    var batchSize = 5_000
    /// Runs after a batch's events and updates are written, before the commit: tests fail here to
    /// stand for a process killed mid-tick.
    var beforeCommit: (@Sendable () async throws -> Void)?

    public init(db: any Database, services: MendServices) {
        self.db = db
        self.services = services
    }

    /// Fires everything due at `now`; returns how many warnings and breaches fired.
    @discardableResult
    public func tick(now: Date) async throws -> Int {
        var total = 0
        while true {
            let (fired, claimed) = try await batch(now: now)
            total += fired
            if claimed < batchSize { return total }
        }
    }

    private struct Row: Decodable {
        var id: UUID
        var version: Int
        var priority: String
        var sla_clocks: String?
        var sla_fired: String?
        var sla_stale: Bool?
        var number: Int
        var summary: String
        var assignee_id: UUID?
    }

    private func batch(now: Date) async throws -> (fired: Int, claimed: Int) {
        try await services.gate.transaction(on: db) { tx in
            let sql = tx as! any SQLDatabase
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            let rows = try await sql.raw(
                """
                SELECT id, version, priority, sla_clocks, sla_fired, sla_stale, number, summary, assignee_id FROM tickets
                WHERE sla_next_at <= \(bind: now) ORDER BY sla_next_at LIMIT \(unsafeRaw: String(batchSize))\(unsafeRaw: lock)
                """
            ).all(decoding: Row.self)
            var events: [EventRow] = []
            var updates: [SlaRowsUpdate.Row] = []
            var notices: [(Row, SlaTimer)] = []
            // Due tickets mostly share a few calendars: comparing with the last one is cheaper than hashing its text.
            var lastCalendar: (text: String, calendar: BusinessCalendar)?
            for row in rows {
                var snapshot = SlaRefresh.snapshot(row.sla_clocks)
                if row.sla_stale == true || snapshot == nil {
                    snapshot = try await replay(row.id, now: now, on: tx)
                }
                guard var snapshot else { continue }
                let before = snapshot
                var fired = SlaRefresh.firedKeys(row.sla_fired)
                let calendar: BusinessCalendar
                if let lastCalendar, lastCalendar.text == snapshot.calendar {
                    calendar = lastCalendar.calendar
                } else {
                    calendar = try services.sla.calendar(snapshot.calendar).0
                    lastCalendar = (snapshot.calendar, calendar)
                }
                let due = SlaRefresh.fireDue(&snapshot, fired: &fired, calendar: calendar, now: now)
                notices += due.map { (row, $0) }
                for (offset, timer) in due.enumerated() {
                    events.append(
                        Self.event(
                            for: timer, ticketID: row.id, seq: row.version * 100 + 90 + offset, priority: row.priority, at: now))
                }
                // Only a missed update cycle changes the clocks; otherwise the stored text is kept as it is.
                let clocks =
                    snapshot == before && row.sla_stale != true && row.sla_clocks != nil
                    ? row.sla_clocks! : SlaRefresh.encode(snapshot)
                updates.append(
                    SlaRowsUpdate.Row(
                        id: row.id, clocks: clocks, fired: fired.sorted().joined(separator: " "),
                        nextAt: snapshot.pendingTimers(fired: fired).first?.at, dueAt: snapshot.nearestDue,
                        warnAt: snapshot.nearestWarning))
            }
            try await SlaRowsUpdate.run(updates, on: sql)
            try await EventRowsInsert.run(rows: events, on: tx)
            try await services.webhooks.queue(events, on: tx)
            try await notify(notices, now: now, on: tx)
            try await beforeCommit?()
            return (events.count, rows.count)
        }
    }

    /// Tells the assignee of each warning and breach; an unassigned P1/P2 breach goes to the service managers.
    /// Written with the events, so a notification exists exactly when its firing does.
    private func notify(_ notices: [(Row, SlaTimer)], now: Date, on tx: any Database) async throws {
        let notifier = Notifier(db: tx, services: services)
        let wanted = notices.filter { row, timer in
            row.assignee_id != nil || (timer.isBreach && (row.priority == "p1" || row.priority == "p2"))
        }
        guard !wanted.isEmpty else { return }
        let assignees = try await notifier.staff(ids: Array(Set(wanted.compactMap(\.0.assignee_id))))
        let byID = Dictionary(uniqueKeysWithValues: assignees.map { ($0.id!, $0) })
        let managers = wanted.contains { $0.0.assignee_id == nil } ? try await notifier.staff(roles: ["service_manager"]) : []
        let onCall = try await notifier.onCall(at: now)
        var rows: [NotificationModel] = []
        for (row, timer) in wanted {
            let people = row.assignee_id.map { byID[$0].map { [$0] } ?? [] } ?? managers
            let label = "\(TicketNumber.format(row.number)) \(row.priority.uppercased()): \(row.summary)"
            let deadline = timer.deadline.map { UTCText.format($0) }
            if timer.clock == .update {
                // The update clock is a to-do, not a target to watch: the reminder says what to do by when.
                rows += notifier.rows(
                    to: people, ticketID: row.id, priority: Priority(rawValue: row.priority), kind: "update_due",
                    title: (timer.isBreach ? "Client update overdue: " : "Client update due: ") + label,
                    body: "Send the client a status update"
                        + (deadline.map { timer.isBreach ? " (it was due \($0))." : " by \($0)." } ?? ".")
                        + " The ticket page's Client messages panel has it ready from the template.",
                    onCall: onCall, now: now)
                continue
            }
            let what = timer.isBreach ? "SLA breached" : "SLA warning"
            rows += notifier.rows(
                to: people, ticketID: row.id, priority: Priority(rawValue: row.priority),
                kind: timer.isBreach ? "sla_breached" : "sla_warning", title: "\(what): \(label)",
                body: "\(timer.clock.title) clock " + (timer.isBreach ? "is past its target." : "is near its target.")
                    + (deadline.map { " Deadline \($0)." } ?? ""),
                onCall: onCall, now: now)
        }
        try await Notifier.insert(rows, on: tx)
    }

    /// Replays a ticket whose policy or calendar changed, from its events.
    private func replay(_ id: UUID, now: Date, on tx: any Database) async throws -> SlaSnapshot? {
        guard let ticket = try await TicketModel.find(id, on: tx) else { return nil }
        let settings = try await SlaSettingsLoader(db: tx, cache: services.sla).forTicket(ticket, today: LocalDate(now))
        SlaRefresh.apply(history: try await SlaHistoryLoader.load(for: ticket, on: tx), settings: settings, to: ticket, now: now)
        return SlaRefresh.snapshot(ticket.slaClocks)
    }

    /// The event of a fired warning or breach, written by the scheduler (and by the demo, at the due instant).
    static func event(for timer: SlaTimer, ticketID: UUID, seq: Int, priority: String, at now: Date) -> EventRow {
        let at = UTCText.format(timer.at)
        let deadline = timer.deadline.map { " (deadline \(UTCText.format($0)))" } ?? ""
        return EventRow(
            id: UUID(), ticketID: ticketID, seq: seq, kind: (timer.isBreach ? EventKind.slaBreached : .slaWarning).rawValue,
            visibility: Visibility.backstage.rawValue, actorID: nil, actorName: "Mend SLA", at: now, before: nil,
            // Written by hand (keys sorted, values plain ASCII): JSONEncoder per event was most of a tick's time.
            after: #"{"at":"\#(at)","clock":"\#(timer.clock.rawValue)","key":"\#(timer.key)","priority":"\#(priority)"}"#,
            summary: "\(timer.clock.title) SLA " + (timer.isBreach ? "breached" : "warning: the target is near") + deadline)
    }
}
