import Fluent
import Foundation
import MendCore
import SQLKit

/// The scheduler's second pass, beside the SLA timers: escalation levels, the after-hours page and the CSR
/// handoff reminder (MendCore `TicketWatch`). It claims tickets whose indexed `watch_next_at` has come with
/// `FOR UPDATE SKIP LOCKED` on PostgreSQL and stores each fired key with its events in the same
/// transaction, so with several servers every level fires once.
struct TicketWatchScheduler {
    let db: any Database
    let services: MendServices
    /// Tickets claimed per transaction: small, because on SQLite a watch transaction holds the only writer
    /// and a storm of after-hours pages must not stall ticket creation for seconds.
    var batchSize = 25

    /// Whether the watch has anything to look at on this ticket.
    static func isWatched(_ ticket: TicketModel) throws -> Bool {
        EscalationPlan.watchedStatuses.contains(try ticket.typedStatus)
    }

    /// What the watch sees on a ticket, from its stored clocks; nil when it has nothing to check.
    static func facts(
        _ ticket: TicketModel, calendar: BusinessCalendar, policy: Policy?,
        handoffMinutes: Int
    ) throws -> TicketWatch.Facts? {
        // Two typed reads, not the whole aggregate: this runs for every ticket written, creations included.
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        let status = try ticket.typedStatus
        guard EscalationPlan.watchedStatuses.contains(status), let snapshot = SlaRefresh.snapshot(of: ticket)
        else { return nil }
        let opened = ticket.slaStart ?? ticket.createdAt
        return TicketWatch.Facts(
            priority: priority, openedAt: opened,
            openedAfterHours: AfterHoursRule.pages(priority: priority, openedAt: opened, businessHours: calendar),
            handoffDone: ticket.handoffAt != nil, handoffDelayMinutes: handoffMinutes,
            escalation: EscalationFacts(
                status: status, statusSince: ticket.statusSince ?? ticket.updatedAt, clocks: snapshot.clocks, calendar: calendar,
                timeboxEndsAt: ticket.timeboxEndsAt),
            levels: policy?.levels ?? [], policySince: policy?.updated_at)
    }

    /// The keys already fired that count for the ticket's current priority: level keys carry the priority,
    /// so a ticket raised to P1 meets the P1 policy's levels afresh.
    static func fired(_ ticket: TicketModel, priority: Priority) -> (stored: FiredKeys, current: Set<String>) {
        let stored = FiredKeys(text: ticket.watchFired)
        return (stored, stored.watchKeys(for: priority))
    }

    /// Sets when the scheduler next looks at a ticket just written: now when something is due, else the
    /// earliest instant something falls due, else never. Written with the change, so the scheduler never
    /// wakes for a ticket with nothing to do.
    static func schedule(
        _ ticket: TicketModel, calendar: BusinessCalendar?, policies: [Policy],
        handoffMinutes: Int, now: Date
    ) throws {
        guard let calendar,
            let facts = try facts(
                ticket, calendar: calendar, policy: policy(for: ticket, in: policies), handoffMinutes: handoffMinutes)
        else {
            ticket.watchNextAt = nil
            return
        }
        let plan = TicketWatch.plan(facts, fired: fired(ticket, priority: facts.priority).current, now: now)
        ticket.watchNextAt = plan.due.isEmpty ? plan.nextAt : now
    }

    /// Fires what is due at `now`, then moves unacknowledged pages up their chains; returns how many actions ran.
    @discardableResult
    func tick(now: Date) async throws -> Int {
        var total = 0
        while true {
            let (fired, claimed) = try await batch(now: now)
            total += fired
            if claimed < batchSize { break }
        }
        return total + (try await PageService(db: db, services: services).advanceExpired(now: now))
    }

    private func batch(now: Date) async throws -> (fired: Int, claimed: Int) {
        try await services.gate.transaction(on: db) { tx in
            let sql = try tx.sql
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            struct Row: Decodable { var id: UUID }
            let ids = try await sql.raw(
                """
                SELECT id FROM tickets WHERE watch_next_at <= \(bind: now) ORDER BY watch_next_at
                LIMIT \(unsafeRaw: String(batchSize))\(unsafeRaw: lock)
                """
            ).all(decoding: Row.self).map(\.id)
            var fired = 0
            for id in ids {
                guard let ticket = try await TicketModel.find(id, on: tx) else { continue }
                fired += try await look(at: ticket, now: now, on: tx)
            }
            return (fired, ids.count)
        }
    }

    /// Evaluates one claimed ticket and runs what is due.
    private func look(at ticket: TicketModel, now: Date, on tx: any Database) async throws -> Int {
        if try Self.isWatched(ticket), ticket.slaStale == true || ticket.slaClocks == nil {
            // The replayed clocks are saved with their queued timers, as every writer of clocks does.
            try await SlaTimerRows.take(ticket, on: tx)
            let settings = try await SlaSettingsLoader(db: tx, cache: services.sla).forTicket(ticket, today: LocalDate(now))
            try SlaRefresh.apply(
                history: try await TicketHistoryLoader.load(for: ticket, on: tx).sla, settings: settings, to: ticket, now: now)
            try await ticket.update(on: tx)
            try await SlaTimerRows.put([ticket], on: tx)
        }
        let calendar = SlaRefresh.snapshot(of: ticket).flatMap { try? services.sla.calendar($0.calendar).0 }
        let policy = Self.policy(for: ticket, in: try await Self.policies(on: tx))
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        guard let calendar,
            let facts = try Self.facts(
                ticket, calendar: calendar, policy: policy, handoffMinutes: services.config.handoffReminderMinutes)
        else {
            ticket.watchNextAt = nil
            try await ticket.update(on: tx)
            return 0
        }
        let keys = Self.fired(ticket, priority: priority)
        var stored = keys.stored
        let prefix = "\(priority.rawValue)."
        let plan = TicketWatch.plan(facts, fired: keys.current, now: now)
        guard !plan.due.isEmpty else {
            ticket.watchNextAt = plan.nextAt
            try await ticket.update(on: tx)
            return 0
        }
        var events = EventRecorder(system: "Mend escalation", at: now)
        let statusBefore = ticket.status
        for action in plan.due {
            switch action {
            case .pageAfterHours:
                try await PageService(db: tx, services: services).open(
                    ticket: ticket, rotationID: nil,
                    reason: "After-hours \(priority.rawValue.uppercased()) outside the contract's business hours", now: now,
                    on: tx, events: &events)
                stored.insert(action.key)
            case .remindHandoff:
                let notifier = Notifier(db: tx, services: services)
                let csrs = try await notifier.staff(roles: ["csr"])
                try await notifier.send(
                    to: csrs, ticket: ticket, kind: "handoff_reminder", title: "CSR handoff missing: \(Notifier.label(ticket))",
                    body: "Tell the client what to expect and by when, and record it on the ticket.", now: now)
                events.record(
                    .handoffReminded,
                    summary: "CSR handoff still missing after \(services.config.handoffReminderMinutes) min; reminded "
                        + (csrs.isEmpty ? "nobody (no CSR)" : csrs.map(\.name).joined(separator: ", ")))
                stored.insert(action.key)
            case .escalate(let index):
                let policy = try policy.guaranteed("the escalation policy")
                try await escalate(
                    ticket, level: index, levels: policy.levels, policy: policy, now: now, on: tx, events: &events)
                stored.insert(prefix + action.key)
            }
        }
        ticket.watchFired = stored.text
        try await TicketWriter.commit(
            ticket, events: events, statusBefore: statusBefore, replayClocks: ticket.priority != priority.rawValue, now: now,
            on: tx, services: services)
        return plan.due.count
    }

    /// Runs one level's actions and records the firing with the policy version it came from.
    private func escalate(
        _ ticket: TicketModel, level index: Int, levels: [EscalationLevel], policy: Policy, now: Date,
        on tx: any Database, events: inout EventRecorder
    ) async throws {
        let level = levels[index]
        let actions = level.actions
        let notifier = Notifier(db: tx, services: services)
        let label = "Level \(index + 1) of \(policy.name) v\(policy.version)"
        if let key = actions.queue, let queue = try await QueueModel.query(on: tx).filter(\.$key == key).first() {
            try ticket.change(&events) { t in t.moveToQueue(queue.id, name: "\(queue.name) (\(label))") }
        }
        if let target = actions.raisePriority {
            try ticket.change(&events) { t in t.raisePriority(to: target, why: label) }
        }
        let people =
            try await notifier.staff(ids: actions.notifyUsers.compactMap(UUID.init(uuidString:)))
            + notifier.staff(roles: actions.notifyRoles)
        let notified = try await notifier.send(
            to: people, ticket: ticket, kind: "escalation", title: "Escalation: \(Notifier.label(ticket))",
            body: "\(label): \(level.trigger.text).", now: now)
        if let rotation = actions.pageRotation.flatMap(UUID.init(uuidString:)) {
            try await PageService(db: tx, services: services).open(
                ticket: ticket, rotationID: rotation, reason: "\(label): \(level.trigger.text)", now: now, on: tx,
                events: &events)
        }
        let names = notified.map(\.name).joined(separator: ", ")
        events.record(
            .escalationFired,
            summary: "\(label) fired: \(level.trigger.text) → \(actions.text)" + (names.isEmpty ? "" : "; notified \(names)"),
            after: [
                "policyID": policy.id.uuidString, "policy": policy.name, "version": String(policy.version),
                "level": String(index + 1), "trigger": level.trigger.text, "actions": actions.text, "notified": names,
            ])
    }
}
