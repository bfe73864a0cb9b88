import Fluent
import Foundation
import SQLKit
import SQLiteNIO

/// Writes a changed ticket's row with one UPDATE of every column, as the one writer of tickets does at each change.
/// Fluent's update collected the changed fields through its property wrappers and serialised them with SQLKit: 8%
/// of the server's time on a note (BENCHMARKS.md). The columns are the migrations' columns; a test holds them to
/// the model's.
enum TicketRowUpdate {
    /// Every column but `id`, in the order `sqliteValues` binds them.
    static let columns = [
        "number", "summary", "description", "type", "subtype", "impact", "urgency", "priority", "source", "status",
        "queue_id", "assignee_id", "company_id", "contact_id", "site_id", "configuration_item", "resolution",
        "restored_tested", "verification_attempted", "exit_party", "exit_reference", "minutes_logged", "reopen_count",
        "version", "created_at", "updated_at", "exited_at", "closed_at", "contract_id", "sla_start", "sla_clocks",
        "sla_fired", "sla_next_at", "sla_due_at", "sla_warn_at", "sla_stale", "alert_source", "alert_fingerprint",
        "alert_count", "alert_last_seen", "status_since", "watch_next_at", "watch_fired", "handoff_at",
        "timebox_ends_at", "checklist_done", "linked_from_id", "client_informed", "incident_started_at", "sla_fold",
    ]

    private static let sqliteStatement =
        "UPDATE tickets SET " + columns.enumerated().map { "\($1) = ?\($0 + 1)" }.joined(separator: ", ")
        + " WHERE id = ?\(columns.count + 1)"

    static func run(_ t: TicketModel, on database: any Database) async throws {
        let id = try t.requireID()
        if let sqlite = SQLiteBulk.database(database) {
            var binds = sqliteValues(t)
            binds.append(.id(id))
            try await sqlite.query(sqliteStatement, binds) { _ in }
        } else {
            let update = try database.sql.update(TicketModel.schema)
            for (column, value) in zip(columns, sqlValues(t)) { update.set(SQLIdentifier(column), to: value) }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }

    private static func sqliteValues(_ t: TicketModel) -> [SQLiteData] {
        [
            .integer(t.number), .text(t.summary), .text(t.description), .string(t.type), .string(t.subtype),
            .text(t.impact), .text(t.urgency), .text(t.priority), .text(t.source), .text(t.status), .id(t.queueID),
            .id(t.assigneeID), .id(t.companyID), .id(t.contactID), .id(t.siteID), .string(t.configurationItem),
            .string(t.resolution), .flag(t.restoredTested), .flag(t.verificationAttempted), .string(t.exitParty),
            .string(t.exitReference), .integer(t.minutesLogged), .integer(t.reopenCount), .integer(t.version),
            .instant(t.createdAt), .instant(t.updatedAt), .instant(t.exitedAt), .instant(t.closedAt), .id(t.contractID),
            .instant(t.slaStart), .string(t.slaClocks), .string(t.slaFired), .instant(t.slaNextAt), .instant(t.slaDueAt),
            .instant(t.slaWarnAt), .flag(t.slaStale), .string(t.alertSource), .string(t.alertFingerprint),
            .number(t.alertCount), .instant(t.alertLastSeen), .instant(t.statusSince), .instant(t.watchNextAt),
            .string(t.watchFired), .instant(t.handoffAt), .instant(t.timeboxEndsAt), .string(t.checklistDone),
            .id(t.linkedFromID), .flag(t.clientInformed), .instant(t.incidentStartedAt), .string(t.slaFold),
        ]
    }

    private static func sqlValues(_ t: TicketModel) -> [any SQLExpression] {
        [
            SQLBind(t.number), SQLBind(t.summary), SQLBind(t.description), SQLBind(t.type), SQLBind(t.subtype),
            SQLBind(t.impact), SQLBind(t.urgency), SQLBind(t.priority), SQLBind(t.source), SQLBind(t.status),
            SQLBind(t.queueID), SQLBind(t.assigneeID), SQLBind(t.companyID), SQLBind(t.contactID), SQLBind(t.siteID),
            SQLBind(t.configurationItem), SQLBind(t.resolution), SQLBind(t.restoredTested),
            SQLBind(t.verificationAttempted), SQLBind(t.exitParty), SQLBind(t.exitReference), SQLBind(t.minutesLogged),
            SQLBind(t.reopenCount), SQLBind(t.version), SQLBind(t.createdAt), SQLBind(t.updatedAt), SQLBind(t.exitedAt),
            SQLBind(t.closedAt), SQLBind(t.contractID), SQLBind(t.slaStart), SQLBind(t.slaClocks), SQLBind(t.slaFired),
            SQLBind(t.slaNextAt), SQLBind(t.slaDueAt), SQLBind(t.slaWarnAt), SQLBind(t.slaStale), SQLBind(t.alertSource),
            SQLBind(t.alertFingerprint), SQLBind(t.alertCount), SQLBind(t.alertLastSeen), SQLBind(t.statusSince),
            SQLBind(t.watchNextAt), SQLBind(t.watchFired), SQLBind(t.handoffAt), SQLBind(t.timeboxEndsAt),
            SQLBind(t.checklistDone), SQLBind(t.linkedFromID), SQLBind(t.clientInformed), SQLBind(t.incidentStartedAt),
            SQLBind(t.slaFold),
        ]
    }
}
