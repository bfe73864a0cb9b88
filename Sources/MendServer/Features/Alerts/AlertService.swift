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
        var ticket: TicketModel?
    }

    /// The table in force: the saved one, else the shipped default.
    func severityTable() async throws -> AlertSeverityTable {
        guard let row = try await SettingModel.find(Self.severityKey, on: db),
            let object = try? JSONSerialization.jsonObject(with: Data(row.value.utf8)) as? [String: Any]
        else { return .standard }
        return (try? AlertSeverityTable.parse(object: object)) ?? .standard
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
        let codes = Set(alerts.map(\.companyCode))
        let companies = try await CompanyModel.query(on: db).filter(\.$code ~~ codes).all()
        var byCode: [String: CompanyModel] = [:]
        for company in companies { byCode[company.code] = company }
        var check = FieldChecker()
        for (alert, field) in zip(alerts, companyFields) where byCode[alert.companyCode] == nil {
            check.add(field, "is not the code of a client company in Mend (\(alert.companyCode))")
        }
        try check.check()
        let table = try await severityTable()
        var outcomes: [Outcome] = []
        for alert in alerts {
            outcomes.append(try await take(alert, company: byCode[alert.companyCode]!, table: table, by: principal))
        }
        return outcomes
    }

    private func take(_ alert: IncomingAlert, company: CompanyModel, table: AlertSeverityTable, by principal: Principal)
        async throws -> Outcome
    {
        let open = try await openTicket(for: alert, company: company.id!, on: db)
        switch AlertIntake.decide(alert, hasOpenTicket: open != nil, table: table) {
        case .ignore:
            return Outcome(fingerprint: alert.fingerprint, action: .ignored, ticket: nil)
        case .repeatOnOpenTicket:
            return try await repeated(alert, on: open!, by: principal)
        case let .resolve(restore):
            return try await resolved(alert, on: open!, restore: restore, by: principal)
        case let .open(impact, urgency):
            let site = try await alert.siteName.asyncFlatMap { name in
                try await SiteModel.query(on: db).filter(\.$companyID == company.id!).filter(\.$name == name).first()
            }
            let queue = try await services.cache.defaultQueue(on: db)
            let now = services.clock.now()
            let ticket = TicketModel(openedAt: now)
            ticket.summary = alert.summary
            ticket.description = alert.details
            ticket.impact = impact.rawValue
            ticket.urgency = urgency.rawValue
            ticket.priority = services.matrix.priority(impact: impact, urgency: urgency).rawValue
            ticket.source = TicketSource.monitoringAlert.rawValue
            ticket.companyID = company.id!
            ticket.siteID = site?.id
            ticket.queueID = queue
            ticket.alertSource = alert.source
            ticket.alertFingerprint = alert.fingerprint
            ticket.alertCount = 1
            ticket.alertLastSeen = now
            var events = EventRecorder(actor: principal, at: now)
            events.record(
                .created, .onstage, summary: "Ticket opened from a \(alert.source) alert: \(alert.summary)",
                after: [
                    "status": ticket.status, "priority": ticket.priority, "source": ticket.source,
                    "fingerprint": alert.fingerprint, "severity": alert.severity ?? "",
                ])
            let sla = services.sla
            let job = TicketCreationBatcher.Job(ticket: ticket, events: events)
            // Under the lock a second copy of the same alert, sent at the same moment, finds this ticket.
            let existing = try await services.gate.transaction(on: db) { tx -> TicketModel? in
                try await Self.lock(fingerprint: alert.fingerprint, on: tx)
                if let found = try await openTicket(for: alert, company: company.id!, on: tx) { return found }
                try await TicketCreationBatcher.insert([job], on: tx, sla: sla)
                return nil
            }
            if let existing { return try await repeated(alert, on: existing, by: principal) }
            return Outcome(fingerprint: alert.fingerprint, action: .opened, ticket: ticket)
        }
    }

    private func repeated(_ alert: IncomingAlert, on ticket: TicketModel, by principal: Principal) async throws -> Outcome {
        let now = services.clock.now()
        let updated = try await TicketService(db: db, services: services).mutate(
            TicketNumber.format(ticket.number), ifMatch: nil, by: principal, replayClocks: false
        ) { ticket, _, events in
            let count = (ticket.alertCount ?? 1) + 1
            ticket.alertCount = count
            ticket.alertLastSeen = now
            events.record(
                .alertRepeated, summary: "Alert fired again (\(count) times): \(alert.summary)",
                before: ["count": String(count - 1)], after: ["count": String(count), "fingerprint": alert.fingerprint])
        }
        return Outcome(fingerprint: alert.fingerprint, action: .repeated, ticket: updated)
    }

    private func resolved(_ alert: IncomingAlert, on ticket: TicketModel, restore: Bool, by principal: Principal)
        async throws -> Outcome
    {
        let now = services.clock.now()
        let note = NoteModel()
        var restored = false
        let updated = try await TicketService(db: db, services: services).mutate(
            TicketNumber.format(ticket.number), ifMatch: nil, by: principal
        ) { ticket, tx, events in
            ticket.alertLastSeen = now
            events.record(
                .alertResolved, summary: "Monitoring reports the alert resolved: \(alert.summary)",
                after: ["fingerprint": alert.fingerprint])
            try await TicketNotes.add(
                "Monitoring (\(alert.source)) reports \"\(alert.summary)\" resolved at \(UTCText.format(now)).",
                visibility: .backstage, to: ticket, by: principal, into: note, on: tx, events: &events)
            guard restore, let status = TicketStatus(rawValue: ticket.status),
                StatusMachine.targets(from: status).contains(.restored)
            else { return }
            try TicketRestoration.record(
                RestorationRequest(test: "Monitoring reports the alert resolved (\(alert.source))", result: .passed),
                on: ticket, events: &events)
        }
        restored = updated.status == TicketStatus.restored.rawValue && restore
        return Outcome(fingerprint: alert.fingerprint, action: restored ? .restored : .resolved, ticket: updated)
    }

    private func openTicket(for alert: IncomingAlert, company: UUID, on db: any Database) async throws -> TicketModel? {
        try await TicketModel.query(on: db).filter(\.$alertFingerprint == alert.fingerprint)
            .filter(\.$companyID == company).filter(\.$status ~~ TicketStatus.allCases.filter(\.isOpen).map(\.rawValue))
            .sort(\.$number, .descending).first()
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
