import Fluent
import Foundation
import MendCore
import SQLKit

/// Monitoring alerts in: a firing alert opens a ticket unless one with its fingerprint is open (then it counts
/// as a repeat there); a resolved one notes it on that ticket and, when the severity table says so, marks the
/// service restored (never closed).
struct AlertService {
    let db: any Database
    let services: MendServices
    static let severityKey = "alerts.severity_table"

    /// What happened to one alert.
    struct Outcome: Sendable {
        enum Action: String, Codable, Sendable { case opened, repeated, resolved, restored, ignored }
        var fingerprint: String
        var action: Action
        var ticketNumber: Int?
        var status: String?
    }

    /// The open ticket an alert's fingerprint belongs to.
    struct OpenTicket: Decodable, Sendable {
        var id: UUID
        var number: Int
        var status: String
    }

    /// The table in force: the saved one, else the shipped default.
    func severityTable() async throws -> AlertSeverityTable {
        struct Row: Decodable { var value: String }
        // Read on every call (an edit in another server counts at once), with SQLKit: it is on every alert's path.
        guard
            let row = try await db.sql.select().column("value").from(SettingModel.schema)
                .where("key", .equal, Self.severityKey).first(decoding: Row.self)
        else { return .standard }
        return services.sla.severityTable(row.value)
    }

    func setSeverityTable(_ object: [String: Any], by principal: Principal) async throws -> AlertSeverityTable {
        try principal.requireStaff("alert settings")
        try principal.require(.queuesManage)
        let table = try AlertSeverityTable.parse(object: object)
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: table.jsonObject, options: [.sortedKeys]), as: UTF8.self)
        let now = services.clock.now()
        try await services.gate.transaction(on: db) { tx in
            let row = try await SettingModel.find(Self.severityKey, on: tx) ?? SettingModel()
            row.id = Self.severityKey
            row.value = text
            row.updatedAt = now
            try await row.save(on: tx)
        }
        return table
    }

    /// Takes a batch of alerts; `companyFields[i]` names where alert i's company came from, for the error.
    /// Every alert is checked before any is taken, so a bad one changes nothing.
    func ingest(_ alerts: [IncomingAlert], companyFields: [String], by principal: Principal) async throws -> [Outcome] {
        try principal.requireStaff("alert")
        try principal.require(.ticketsWrite)
        let byCode = try await services.cache.companies(codes: Set(alerts.map(\.companyCode)), on: db)
        var check = FieldChecker()
        for (alert, field) in zip(alerts, companyFields) where byCode[alert.companyCode] == nil {
            check.add(field, "is not the code of a client company in Mend (\(alert.companyCode))")
        }
        try check.check()
        var outcomes: [Outcome] = []
        var table: AlertSeverityTable?
        for alert in alerts {
            let company = try byCode[alert.companyCode].guaranteed("company \(alert.companyCode)")
            // A firing alert whose ticket is open is a repeat whatever the table says: counted in one statement.
            if alert.status == .firing, let outcome = try await repeated(alert, company: company, on: nil, by: principal) {
                outcomes.append(outcome)
                continue
            }
            let known: AlertSeverityTable
            if let table { known = table } else { known = try await severityTable() }
            table = known
            outcomes.append(try await take(alert, company: company, table: known, by: principal))
        }
        return outcomes
    }

    private func take(_ alert: IncomingAlert, company: UUID, table: AlertSeverityTable, by principal: Principal)
        async throws -> Outcome
    {
        let open = try await openTicket(for: alert, company: company, on: db)
        switch AlertIntake.decide(alert, hasOpenTicket: open != nil, table: table) {
        case .ignore:
            return Outcome(fingerprint: alert.fingerprint, action: .ignored)
        case .repeatOnOpenTicket:
            let open = try open.guaranteed("the alert's open ticket")
            return try await repeated(alert, company: company, on: open.id, by: principal).guaranteed("the repeat")
        case let .resolve(restore):
            return try await resolved(alert, on: open.guaranteed("the alert's open ticket"), restore: restore, by: principal)
        case let .open(impact, urgency):
            let site = try await alert.siteName.asyncFlatMap { name in
                try await SiteModel.query(on: db).filter(\.$companyID == company).filter(\.$name == name).first()
            }
            let queue = try await services.cache.defaultQueue(on: db)
            let now = services.clock.now()
            let ticket = TicketModel(openedAt: now)
            ticket.summary = alert.summary
            ticket.description = alert.details
            ticket.companyID = company
            ticket.siteID = site?.id
            ticket.alertSource = alert.source
            ticket.alertFingerprint = alert.fingerprint
            ticket.incidentStartedAt = alert.startsAt
            let opened = Ticket.open(
                impact: impact, urgency: urgency, source: .monitoringAlert, assigneeID: nil, queueID: queue,
                matrix: services.matrix, now: now)
            ticket.store(opened)
            var events = EventRecorder(actor: principal, at: now)
            events.append([
                opened.openedEvent(
                    summary: "Ticket opened from a \(alert.source) alert: \(alert.summary)",
                    extra: ["fingerprint": alert.fingerprint, "severity": alert.severity ?? ""]
                        .merging(alert.startsAt.map { ["startsAt": UTCText.format($0)] } ?? [:]) { a, _ in a })
            ])
            // The alert is taken even when its site is unknown here; the ticket says so instead of losing it.
            if let name = alert.siteName, site == nil {
                ticket.description +=
                    (ticket.description.isEmpty ? "" : "\n\n") + "The alert names the site \u{201C}\(name)\u{201D}, which is "
                    + "not a site of this client in Mend."
                events.record(
                    .fieldsChanged, summary: "Site \u{201C}\(name)\u{201D} named by the alert was not found",
                    after: ["siteName": name, "siteFound": "false"])
            }
            let sla = services.sla
            let reads = services.settingsReads
            let webhooks = services.webhooks
            let handoffMinutes = services.config.handoffReminderMinutes
            let job = TicketCreationBatcher.Job(ticket: ticket, events: events)
            // Under the lock a second copy of the same alert, sent at the same moment, finds this ticket.
            let existing = try await services.gate.transaction(on: db) { tx -> OpenTicket? in
                try await Self.lock(fingerprint: alert.fingerprint, on: tx)
                if let found = try await openTicket(for: alert, company: company, on: tx) { return found }
                try await TicketWriter.insertNew(
                    [job], on: tx, reads: reads, sla: sla, webhooks: webhooks, handoffMinutes: handoffMinutes)
                return nil
            }
            if let existing {
                return try await repeated(alert, company: company, on: existing.id, by: principal).guaranteed("the repeat")
            }
            return Outcome(fingerprint: alert.fingerprint, action: .opened, ticketNumber: ticket.number, status: ticket.status)
        }
    }

    /// Counts a repeat on ticket `id`, or on the fingerprint's open ticket when `id` is nil; nil when there is none.
    private func repeated(_ alert: IncomingAlert, company: UUID, on id: UUID?, by principal: Principal) async throws
        -> Outcome?
    {
        let job = AlertRepeat(
            ticketID: id, company: company, summary: alert.summary, fingerprint: alert.fingerprint, actor: principal,
            at: services.clock.now())
        guard let row = try await services.alertRepeats.submit(job, on: db) else { return nil }
        return Outcome(fingerprint: alert.fingerprint, action: .repeated, ticketNumber: row.number, status: row.status)
    }

    private func resolved(_ alert: IncomingAlert, on ticket: OpenTicket, restore: Bool, by principal: Principal)
        async throws -> Outcome
    {
        let now = services.clock.now()
        let note = NoteModel()
        let updated = try await TicketService(db: db, services: services).mutate(
            TicketNumber.format(ticket.number), ifMatch: nil, by: principal
        ) { ticket, tx, events in
            try ticket.change(&events) { t in
                [t.alertResolved(at: now, summary: alert.summary, fingerprint: alert.fingerprint)]
            }
            try await TicketNotes.add(
                "Monitoring (\(alert.source)) reports \"\(alert.summary)\" resolved at \(UTCText.format(now)).",
                visibility: .backstage, to: ticket, by: principal, into: note, on: tx, events: &events)
            guard restore, StatusMachine.targets(from: try ticket.typedStatus).contains(.restored) else { return }
            try await TicketRestoration.record(
                RestorationRequest(test: "Monitoring reports the alert resolved (\(alert.source))", result: .passed),
                on: ticket, messages: ClientMessages(db: tx, services: services), events: &events)
        }
        let restored = restore && updated.status == TicketStatus.restored.rawValue
        return Outcome(
            fingerprint: alert.fingerprint, action: restored ? .restored : .resolved, ticketNumber: updated.number,
            status: updated.status)
    }

    private func openTicket(for alert: IncomingAlert, company: UUID, on db: any Database) async throws -> OpenTicket? {
        let open = TicketStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return try await db.sql.select().columns("id", "number", "status").from(TicketModel.schema)
            .where("alert_fingerprint", .equal, alert.fingerprint).where("company_id", .equal, company)
            .where("status", .in, open).orderBy("number", .descending).limit(1).first(decoding: OpenTicket.self)
    }

    /// PostgreSQL: one transaction per fingerprint at a time (SQLite has one writer already).
    private static func lock(fingerprint: String, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: fingerprint), 0))").run()
    }
}

extension Optional {
    /// `flatMap` with an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
