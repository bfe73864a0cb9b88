import Fluent
import Foundation
import SQLKit
import SQLiteNIO

/// Inserts a batch of new tickets and their events with one multi-row statement per table.
/// Fluent's per-model insert reflects over every property of every row, which cost more than the database
/// work itself on the creation path (BENCHMARKS.md); the columns here are the migrations' columns.
enum TicketRowsInsert {
    static func run(_ tickets: [TicketModel], events: [EventModel], on database: any Database) async throws {
        if let sqlite = SQLiteBulk.database(database) {
            // SQLKit's serializer and Encodable binds were 4.5% of the server's samples when creating tickets.
            try await SQLiteBulk.insert(into: TicketModel.schema, columns: ticketColumns, rows: tickets, on: sqlite) {
                t, binds in
                binds += [
                    .id(t.id), .integer(t.number), .text(t.summary), .text(t.description), .string(t.type),
                    .string(t.subtype), .text(t.impact), .text(t.urgency), .text(t.priority), .text(t.source),
                    .text(t.status), .id(t.queueID), .id(t.assigneeID), .id(t.companyID), .id(t.contactID), .id(t.siteID),
                    .string(t.configurationItem), .flag(t.restoredTested), .flag(t.verificationAttempted),
                    .integer(t.minutesLogged), .integer(t.reopenCount), .integer(t.version), .instant(t.createdAt),
                    .instant(t.updatedAt), .id(t.contractID), .instant(t.slaStart), .string(t.slaClocks),
                    .string(t.slaFired), .instant(t.slaNextAt), .instant(t.slaDueAt), .instant(t.slaWarnAt),
                    .flag(t.slaStale), .string(t.alertSource), .string(t.alertFingerprint), .number(t.alertCount),
                    .instant(t.alertLastSeen), .instant(t.statusSince), .instant(t.watchNextAt), .id(t.linkedFromID),
                    .flag(t.clientInformed), .instant(t.incidentStartedAt),
                ]
            }
        } else {
            try await insertWithSQLKit(tickets, on: database.sql)
        }
        // The rows are stored; tell Fluent so later updates of these models are UPDATEs, not INSERTs.
        for model in tickets { model.$id.exists = true }
        try await EventRowsInsert.run(events, on: database)
    }

    static let ticketColumns = [
        "id", "number", "summary", "description", "type", "subtype", "impact", "urgency", "priority", "source",
        "status", "queue_id", "assignee_id", "company_id", "contact_id", "site_id", "configuration_item",
        "restored_tested", "verification_attempted", "minutes_logged", "reopen_count", "version", "created_at",
        "updated_at", "contract_id", "sla_start", "sla_clocks", "sla_fired", "sla_next_at", "sla_due_at", "sla_warn_at",
        "sla_stale", "alert_source", "alert_fingerprint", "alert_count", "alert_last_seen",
        "status_since", "watch_next_at", "linked_from_id", "client_informed", "incident_started_at",
    ]

    private static func insertWithSQLKit(_ tickets: [TicketModel], on sql: any SQLDatabase) async throws {
        let insert = sql.insert(into: TicketModel.schema).columns(ticketColumns)
        for t in tickets {
            insert.values([
                SQLBind(t.id!), SQLBind(t.number), SQLBind(t.summary), SQLBind(t.description), SQLBind(t.type),
                SQLBind(t.subtype), SQLBind(t.impact), SQLBind(t.urgency), SQLBind(t.priority), SQLBind(t.source),
                SQLBind(t.status), SQLBind(t.queueID), SQLBind(t.assigneeID), SQLBind(t.companyID), SQLBind(t.contactID),
                SQLBind(t.siteID), SQLBind(t.configurationItem), SQLBind(t.restoredTested),
                SQLBind(t.verificationAttempted), SQLBind(t.minutesLogged), SQLBind(t.reopenCount), SQLBind(t.version),
                SQLBind(t.createdAt), SQLBind(t.updatedAt), SQLBind(t.contractID), SQLBind(t.slaStart),
                SQLBind(t.slaClocks), SQLBind(t.slaFired), SQLBind(t.slaNextAt), SQLBind(t.slaDueAt), SQLBind(t.slaWarnAt),
                SQLBind(t.slaStale), SQLBind(t.alertSource), SQLBind(t.alertFingerprint), SQLBind(t.alertCount),
                SQLBind(t.alertLastSeen), SQLBind(t.statusSince), SQLBind(t.watchNextAt),
                SQLBind(t.linkedFromID), SQLBind(t.clientInformed), SQLBind(t.incidentStartedAt),
            ])
        }
        try await insert.run()
    }
}
