import Fluent
import Foundation
import SQLKit

/// Inserts a batch of new tickets and their events with one multi-row statement per table.
/// Fluent's per-model insert reflects over every property of every row, which cost more than the database
/// work itself on the creation path (BENCHMARKS.md); the columns here are the migrations' columns.
enum TicketRowsInsert {
    static func run(_ tickets: [TicketModel], events: [EventModel], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let ticketColumns = [
            "id", "number", "summary", "description", "type", "subtype", "impact", "urgency", "priority", "source",
            "status", "queue_id", "assignee_id", "company_id", "contact_id", "site_id", "configuration_item",
            "restored_tested", "verification_attempted", "minutes_logged", "reopen_count", "version", "created_at",
            "updated_at", "contract_id", "sla_start", "sla_clocks", "sla_fired", "sla_next_at", "sla_due_at", "sla_warn_at",
            "sla_stale", "alert_source", "alert_fingerprint", "alert_count", "alert_last_seen",
            "status_since", "watch_next_at", "linked_from_id",
        ]
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
                SQLBind(t.linkedFromID),
            ])
        }
        try await insert.run()
        // The rows are stored; tell Fluent so later updates of these models are UPDATEs, not INSERTs.
        for model in tickets { model.$id.exists = true }
        try await EventRowsInsert.run(events, on: database)
    }
}
