import Foundation
import MendCore

/// The one mapping from a ticket's stored columns and names to its API representation.
extension TicketListRow {
    /// The row of a loaded ticket, with names from `names`.
    init(_ t: TicketModel, names: NameIndex) throws {
        self.init(
            id: try t.requireID(), number: t.number, summary: t.summary, description: t.description, type: t.type,
            subtype: t.subtype, impact: t.impact, urgency: t.urgency, priority: t.priority, source: t.source,
            status: t.status, queueID: t.queueID, assigneeID: t.assigneeID, companyID: t.companyID, contactID: t.contactID,
            siteID: t.siteID, configurationItem: t.configurationItem, resolution: t.resolution,
            restoredTested: t.restoredTested, verificationAttempted: t.verificationAttempted,
            clientInformed: t.clientInformed, exitParty: t.exitParty, exitReference: t.exitReference,
            minutesLogged: t.minutesLogged, reopenCount: t.reopenCount, version: t.version, createdAt: t.createdAt,
            updatedAt: t.updatedAt, exitedAt: t.exitedAt, closedAt: t.closedAt, slaClocks: t.slaClocks,
            slaDueAt: t.slaDueAt, alertSource: t.alertSource, alertFingerprint: t.alertFingerprint,
            alertCount: t.alertCount, alertLastSeen: t.alertLastSeen, incidentStartedAt: t.incidentStartedAt,
            handoffAt: t.handoffAt, companyName: names.companies[t.companyID],
            queueName: t.queueID.flatMap { names.queues[$0] }, assigneeName: t.assigneeID.flatMap { names.users[$0] },
            contactName: t.contactID.flatMap { names.contacts[$0] }, siteName: t.siteID.flatMap { names.sites[$0] })
    }

    /// The API representation, with the SLA clocks as `sla` reads them.
    func response(sla: SlaReader?) throws -> TicketResponse {
        let priority = try StoredValue.read(Priority.self, priority, column: "priority")
        let status = try StoredValue.read(TicketStatus.self, status, column: "status")
        return TicketResponse(
            id: id, number: TicketNumber.format(number), summary: summary, description: description,
            type: type, subtype: subtype, impact: try StoredValue.read(Impact.self, impact, column: "impact"),
            urgency: try StoredValue.read(Urgency.self, urgency, column: "urgency"), priority: priority,
            source: try StoredValue.read(TicketSource.self, source, column: "source"), status: status,
            queueID: queueID, queueName: queueName, assigneeID: assigneeID, assigneeName: assigneeName,
            companyID: companyID, companyName: companyName ?? "", contactID: contactID, contactName: contactName,
            siteID: siteID, siteName: siteName, configurationItem: configurationItem, resolution: resolution,
            restoredTested: restoredTested, verificationAttempted: verificationAttempted, clientInformed: clientInformed,
            exitParty: exitParty, exitReference: exitReference, minutesLogged: minutesLogged, reopenCount: reopenCount,
            version: version, createdAt: createdAt, updatedAt: updatedAt, exitedAt: exitedAt, closedAt: closedAt,
            sla: sla?.response(clocks: slaClocks, of: id),
            alert: alertFingerprint.map {
                TicketAlertResponse(
                    source: alertSource ?? "", fingerprint: $0, count: alertCount ?? 1, lastSeenAt: alertLastSeen,
                    startedAt: incidentStartedAt)
            },
            handoffMissing: CsrHandoff.isMissing(priority: priority, status: status, recorded: handoffAt != nil))
    }
}
