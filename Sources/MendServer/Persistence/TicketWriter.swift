import Fluent
import Foundation
import MendCore
import SQLKit

/// The one writer of tickets. Every change of a ticket's row comes through here, after MendCore's `Ticket` has
/// decided it, and is written in the caller's transaction with its events, webhook deliveries, client messages,
/// SLA timers, KPI facts and the escalation watch's next look:
/// - `commit`: one changed ticket under its row lock (API and web changes, background jobs);
/// - `insertNew`: new tickets, numbered and inserted together (group commit of creations and alerts);
/// - `countRepeats`: alert repeats on open tickets, counted together (group commit of a noisy monitor).
/// The two batch forms write several tickets with one statement per table, which is what keeps creation and
/// alert intake at the rates of BENCHMARKS.md.
enum TicketWriter {
    /// Writes a changed ticket: bumps the version, queues a status change's client messages and ends the pages
    /// it settles, appends the events, replays the clocks (unless `replayClocks` is false), plans the watch's
    /// next look and saves. The caller holds the row lock.
    static func commit(
        _ ticket: TicketModel, events: EventRecorder, statusBefore: String, replayClocks: Bool = true, now: Date,
        on tx: any Database, services: MendServices, settings known: Settings? = nil
    ) async throws {
        ticket.version += 1
        ticket.updatedAt = now
        var events = events
        if ticket.status != statusBefore {
            try await ClientMessages(db: tx, services: services).queueForStatusChange(
                ticket, from: statusBefore, events: &events)
            // A move into work or out of Tier 2 may settle what an open page asked for.
            try await PageService(db: tx, services: services).endSettled(ticket, now: now, on: tx, events: &events)
        }
        let written = try await events.save(ticketID: ticket.id!, version: ticket.version, on: tx)
        try await services.webhooks.queue(written, tickets: [ticket], on: tx)
        // The queued timers come out first (what fired meanwhile becomes fired keys) and go back with the new
        // clocks, version, priority and assignee.
        try await SlaTimerRows.take(ticket, on: tx)
        // The clocks are the whole history's, this change included, carried forward from the ticket's fold when they
        // can be; so are the ticket's KPI facts.
        let calendar: BusinessCalendar?
        let policies: [TicketWatchScheduler.Policy]
        if replayClocks {
            let settings: SlaSettings
            let read: [TicketWatchScheduler.Policy]
            if let known, let sla = known.sla {
                (settings, read) = (sla, known.policies)
            } else {
                (settings, read) = try await services.settingsReads.read(
                    contractID: ticket.contractID, companyID: ticket.companyID, today: LocalDate(now), on: tx,
                    sla: services.sla)
            }
            let fold = try await TicketFolding.fold(
                ticket, written: written, settings: settings, cache: services.folds, on: tx)
            SlaRefresh.apply(fold.clocks(now: now), settings: settings, to: ticket)
            let text = fold.text
            ticket.slaFold = text
            services.folds.remember(fold, text: text, of: try ticket.requireID())
            try await KpiFactsStore(db: tx, sla: services.sla).write(ticket, fold: fold, settings: settings, now: now)
            calendar = settings.calendar
            policies = read
        } else {
            calendar = SlaRefresh.snapshot(of: ticket).flatMap { try? services.sla.calendar($0.calendar).0 }
            if let known {
                policies = known.policies
            } else {
                policies = try await services.settingsReads.policies(on: tx)
            }
        }
        // Any change may move an escalation trigger: the next look is planned with the change.
        try TicketWatchScheduler.schedule(
            ticket, calendar: calendar, policies: policies,
            handoffMinutes: services.config.handoffReminderMinutes, now: now)
        try await TicketRowUpdate.run(ticket, on: tx)
        try await SlaTimerRows.put([ticket], on: tx)
    }

    /// Numbers new tickets, starts their clocks and inserts them with their events, inside the caller's
    /// transaction (the alert intake opens tickets in its own).
    static func insertNew(
        _ jobs: [TicketCreationBatcher.Job], on tx: any Database, reads: SettingsReads, sla: SlaParseCache,
        webhooks: WebhookFanout,
        handoffMinutes: Int
    ) async throws {
        let numbers = try await TicketNumberSequence.next(jobs.count, on: tx)
        for (job, number) in zip(jobs, numbers) { job.ticket.number = number }
        // Clocks start with the ticket; the batch reads each company's contract and policy once.
        let now = jobs[0].ticket.createdAt
        // The escalation watch's first look is planned here too: the scheduler wakes for a new ticket only when
        // something is due (an after-hours page, a handoff reminder, a level).
        let (settings, policies) = try await reads.read(
            companies: Set(jobs.map(\.ticket.companyID)), today: LocalDate(now), on: tx, sla: sla)
        for job in jobs {
            let ticket = job.ticket
            let found = settings[ticket.companyID]
            if let found {
                let start = SlaHistory(
                    start: ticket.slaStart ?? ticket.createdAt,
                    initialStatus: try StoredValue.read(TicketStatus.self, ticket.status, column: "status"))
                try SlaRefresh.apply(history: start, settings: found, to: ticket, now: ticket.createdAt)
            }
            try TicketWatchScheduler.schedule(
                ticket, calendar: found?.calendar, policies: policies, handoffMinutes: handoffMinutes, now: ticket.createdAt)
        }
        let events = jobs.flatMap { $0.events.models(ticketID: $0.ticket.id!, version: $0.ticket.version) }
        try await TicketRowsInsert.run(jobs.map(\.ticket), events: events, on: tx)
        // A new ticket has no KPI facts row: nothing of it has ended yet (KpiFactRows.upsert).
        try await SlaTimerRows.put(jobs.map(\.ticket), on: tx)
        try await webhooks.queue(events.map(EventRow.init), tickets: jobs.map(\.ticket), on: tx)
        try await NoteRowsInsert.run(jobs.flatMap(\.notes), on: tx)
    }

    private struct Target: Decodable {
        var id: UUID
        var alert_fingerprint: String
        var company_id: UUID
    }

    /// Counts alert repeats: one SELECT finds the open tickets of the batch's fingerprints, one loads their
    /// aggregate columns (locked on PostgreSQL), MendCore's `Ticket.alertRepeated` counts each repeat, one
    /// UPDATE ... FROM (VALUES ...) stores what the aggregate says and one INSERT writes the events; each repeat is
    /// one version. A repeat moves no clock or escalation trigger, so the timers and the watch are left as they
    /// are. One result per job; nil when the fingerprint has no open ticket (the alert then opens one).
    static func countRepeats(
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

extension TicketWriter {
    /// What a change's commit reads besides the ticket: its SLA settings when its clocks are replayed, and the
    /// escalation policies. A change reads them before it runs (`TicketService.mutate`).
    struct Settings: Sendable {
        var sla: SlaSettings?
        var policies: [TicketWatchScheduler.Policy]

        static func read(
            contractID: UUID?, companyID: UUID, replayClocks: Bool, now: Date, on tx: any Database, services: MendServices
        ) async throws -> Settings {
            guard replayClocks else { return Settings(sla: nil, policies: try await services.settingsReads.policies(on: tx)) }
            let (sla, policies) = try await services.settingsReads.read(
                contractID: contractID, companyID: companyID, today: LocalDate(now), on: tx, sla: services.sla)
            return Settings(sla: sla, policies: policies)
        }
    }
}
