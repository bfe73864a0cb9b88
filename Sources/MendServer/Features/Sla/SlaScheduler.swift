import Fluent
import Foundation
import MendCore
import SQLKit

/// Fires SLA warnings and breaches from the timer queue (`sla_timers`, MendCore `SlaTimerQueue`). A batch claims
/// the earliest due rows by deleting them (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a
/// time) and writes each firing's event in the same transaction: a row fired is gone, so it never fires again,
/// and a claim lost to a crash rolls back and fires on the next tick, late but once. Most rows need nothing
/// else, and the database fires those itself (`SlaTimerFiring`) unless a webhook wants the events. A replay row,
/// or a missed client update (which starts the next update cycle), replays the ticket's clocks under its row lock.
public struct SlaScheduler: Sendable {
    let db: any Database
    let services: MendServices
    /// Timer rows claimed per transaction. Each batch costs a commit and a statement's planning, and after a full
    /// batch one more claim that finds nothing; 10,000 rows hold the queue about 0.15 s.
    var batchSize = 10_000
    /// Claims run at once, each on its own share of the tickets (`SlaTimerRows.Share`), in its own transaction on its
    /// own connection: PostgreSQL runs a statement on one core. Rows of another claim or server are skipped as
    /// ever, so the shares only keep the claims from racing for the same rows. SQLite has one writer.
    var parallelBatches: Int
    /// Runs after a batch's events and updates are written, before the commit: tests fail here to
    /// stand for a process killed mid-tick.
    var beforeCommit: (@Sendable () async throws -> Void)?

    public init(db: any Database, services: MendServices) {
        self.db = db
        self.services = services
        parallelBatches = PostgresBulk.database(db) == nil ? 1 : 2
    }

    /// Fires everything due at `now`; returns how many warnings and breaches fired.
    @discardableResult
    public func tick(now: Date) async throws -> Int {
        let start = ContinuousClock.now
        let fired = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<parallelBatches {
                let share = SlaTimerRows.Share(index: index, count: parallelBatches)
                group.addTask { try await drain(now: now, share: share) }
            }
            return try await group.reduce(0, +)
        }
        services.metrics.recordTick(ContinuousClock.now - start)
        return fired
    }

    /// Claims and fires batches until one comes back short.
    private func drain(now: Date, share: SlaTimerRows.Share) async throws -> Int {
        var total = 0
        while true {
            let batch = try await batch(now: now, share: share)
            total += batch.fired
            // Rows handed back (their ticket was locked by a writer) wait for the next tick.
            if batch.claimed < batchSize || batch.handedBack == batch.claimed { return total }
        }
    }

    /// A firing and the ticket facts its event and notification need.
    struct Firing {
        var ticketID: UUID
        var version: Int
        var priority: String
        var assigneeID: UUID?
        var timer: SlaTimer
        /// Number and summary when the ticket was read anyway (a replay).
        var label: (number: Int, summary: String)?
        /// Fired by a replay of the ticket's clocks, not from its row.
        var replayed = false
    }

    private func batch(now: Date, share: SlaTimerRows.Share) async throws -> (fired: Int, claimed: Int, handedBack: Int) {
        let batch = try await services.gate.transaction(on: db) { tx in
            // Webhook fan-out builds its payloads from the events in Swift; without a subscription that wants these
            // kinds, the database fires the rows that need nothing else itself.
            let inDatabase = try await !services.webhooks.wantsAny(of: Self.kinds, on: tx)
            let claim: SlaTimerFiring.Claim
            if inDatabase {
                claim = try await SlaTimerFiring.fire(dueBy: now, limit: batchSize, share: share, on: tx)
            } else {
                let rows = try await SlaTimerRows.claim(dueBy: now, limit: batchSize, share: share, on: tx)
                claim = SlaTimerFiring.Claim(claimed: rows.count, fired: 0, rows: rows.map { ($0, false) })
            }
            // A ticket with any row that needs its clocks is handled whole by a replay.
            var replays: [UUID: [SlaTimerRows.Row]] = [:]
            var replayOrder: [UUID] = []
            let timers = claim.rows.map { SlaTimerQueue.timer(key: $0.row.key, at: $0.row.at, deadline: $0.row.deadline) }
            for (row, timer) in zip(claim.rows, timers) where row.replay || (!inDatabase && Self.needsClocks(timer, now: now)) {
                if replays[row.row.ticket_id] == nil { replayOrder.append(row.row.ticket_id) }
                replays[row.row.ticket_id, default: []].append(row.row)
            }
            // In the database's case these rows fired already: they are here for their notifications.
            var firings = Self.fireFromRows(zip(claim.rows.map(\.row), timers).filter { replays[$0.0.ticket_id] == nil })
            let notifyOnly = inDatabase ? firings : []
            if inDatabase { firings = [] }
            var handedBack = 0
            for id in replayOrder {
                let claimed = replays[id, default: []]
                if let fired = try await replay(id, claimed: claimed, now: now, on: tx) {
                    firings += fired
                } else {
                    try await SlaTimerRows.insert(claimed, on: tx)
                    handedBack += claimed.count
                }
            }
            var offsets: [UUID: Int] = [:]
            let texts = InstantTexts()
            let events = firings.map { firing -> EventRow in
                var seq = Self.sequence(version: firing.version, timer: firing.timer)
                if firing.replayed {
                    // A replay may fire several update cycles: its firings are numbered in the order they fired.
                    seq = firing.version * 100 + 90 + offsets[firing.ticketID, default: 0]
                    offsets[firing.ticketID, default: 0] += 1
                }
                return Self.event(
                    for: firing.timer, ticketID: firing.ticketID, seq: seq, priority: firing.priority, at: now,
                    format: texts.text)
            }
            try await EventRowsInsert.run(rows: events, on: tx)
            try await services.webhooks.queue(events, on: tx)
            try await notify(notifyOnly + firings, now: now, on: tx)
            try await beforeCommit?()
            let counted = (notifyOnly + firings).map { (timer: $0.timer, priority: $0.priority) }
            return (claim.fired + events.count, claim.claimed, handedBack, counted)
        }
        // Counted once committed: a batch rolled back fires again on the next tick.
        services.metrics.recordFired(batch.3)
        return (batch.0, batch.1, batch.2)
    }

    /// The firings of rows that need nothing but themselves: each row is one timer.
    private static func fireFromRows(_ rows: [(SlaTimerRows.Row, SlaTimer?)]) -> [Firing] {
        rows.compactMap { row, timer in
            timer.map {
                Firing(
                    ticketID: row.ticket_id, version: row.version, priority: row.priority, assigneeID: row.assignee_id,
                    timer: $0)
            }
        }
    }

    /// A replay row, an update breach (the next cycle starts from the clocks), or a key this version does not know.
    private static func needsClocks(_ timer: SlaTimer?, now: Date) -> Bool {
        guard let timer else { return true }
        return timer.clock == .update && (timer.isBreach || (timer.deadline.map { $0 <= now } ?? false))
    }

    /// Replays the ticket's clocks under its row lock and fires what is due; nil when another transaction
    /// holds the ticket (PostgreSQL), so the claimed rows go back for the next tick.
    private func replay(_ id: UUID, claimed: [SlaTimerRows.Row], now: Date, on tx: any Database) async throws -> [Firing]? {
        let sql = try tx.sql
        if sql.dialect.name == "postgresql" {
            struct Locked: Decodable { var id: UUID }
            let locked = try await sql.raw("SELECT id FROM tickets WHERE id = \(bind: id) FOR UPDATE SKIP LOCKED")
                .first(decoding: Locked.self)
            if locked == nil { return try await TicketModel.find(id, on: tx) == nil ? [] : nil }
        }
        guard let ticket = try await TicketModel.find(id, on: tx) else { return [] }
        try await SlaTimerRows.take(ticket, claimed: Set(claimed.map(\.key)), on: tx)
        if ticket.slaStale == true || SlaRefresh.snapshot(of: ticket) == nil {
            let settings = try await SlaSettingsLoader(db: tx, cache: services.sla).forTicket(ticket, today: LocalDate(now))
            try SlaRefresh.apply(
                history: try await TicketHistoryLoader.load(for: ticket, on: tx).sla, settings: settings, to: ticket, now: now)
        }
        var due: [SlaTimer] = []
        if var snapshot = SlaRefresh.snapshot(of: ticket) {
            var fired = SlaRefresh.firedKeys(ticket.slaFired)
            let calendar = try services.sla.calendar(snapshot.calendar).0
            due = SlaRefresh.fireDue(&snapshot, fired: &fired, calendar: calendar, now: now)
            ticket.slaFired = FiredKeys(fired).text
            SlaRefresh.store(snapshot, on: ticket)
        }
        try await ticket.update(on: tx)
        try await SlaTimerRows.put([ticket], on: tx)
        return due.map {
            Firing(
                ticketID: id, version: ticket.version, priority: ticket.priority, assigneeID: ticket.assigneeID, timer: $0,
                label: (ticket.number, ticket.summary), replayed: true)
        }
    }

    /// The event of a fired warning or breach, written by the scheduler (and by the demo, at the due instant).
    static func event(
        for timer: SlaTimer, ticketID: UUID, seq: Int, priority: String, at now: Date,
        format: (Date) -> String = UTCText.format
    ) -> EventRow {
        let at = format(timer.at)
        let deadline = timer.deadline.map { " (deadline \(format($0)))" } ?? ""
        return EventRow(
            id: TimeOrderedID.make(at: now), ticketID: ticketID, seq: seq,
            kind: (timer.isBreach ? EventKind.slaBreached : .slaWarning).rawValue,
            visibility: Visibility.backstage.rawValue, actorID: nil, actorName: actorName, at: now, before: nil,
            // Written by hand (keys sorted, values plain ASCII): JSONEncoder per event was most of a tick's time.
            after: #"{"at":"\#(at)","clock":"\#(timer.clock.rawValue)","key":"\#(timer.key)","priority":"\#(priority)"}"#,
            summary: "\(timer.clock.title) SLA " + (timer.isBreach ? breachedText : warningText) + deadline)
    }

    /// The sequence number of a firing from its row: a ticket has one row per clock, so the clock and the kind
    /// keep the firings of one tick apart and in clock order on its timeline (the database numbers them alike).
    static func sequence(version: Int, timer: SlaTimer) -> Int {
        version * 100 + 90 + 2 * (SlaClockKind.allCases.firstIndex(of: timer.clock) ?? 0) + (timer.isBreach ? 1 : 0)
    }

    /// The kinds of the events a tick writes.
    static let kinds = [EventKind.slaWarning.rawValue, EventKind.slaBreached.rawValue]
    /// Who the events name as their actor.
    static let actorName = "Mend SLA"
    /// The words of an event's summary after the clock's title and "SLA".
    static let breachedText = "breached"
    static let warningText = "warning: the target is near"
    /// Priorities whose unassigned breaches go to the service managers.
    static let managedPriorities: Set<String> = ["p1", "p2"]
}

/// UTC texts of instants, each formatted once: the firings of a tick share a handful of instants.
private final class InstantTexts {
    private var texts: [Date: String] = [:]

    func text(_ instant: Date) -> String {
        if let text = texts[instant] { return text }
        let text = UTCText.format(instant)
        texts[instant] = text
        return text
    }
}
