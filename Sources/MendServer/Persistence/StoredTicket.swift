import Foundation
import MendCore

/// The stored columns MendCore's `Ticket` is made of, read from a `TicketModel` or straight from SQL by writers
/// that batch (alert repeats); the one mapping between the row and the aggregate.
struct StoredTicket: Decodable, Sendable {
    var id: UUID
    var number: Int
    var version: Int
    var status: String
    var status_since: Date?
    var created_at: Date
    var impact: String
    var urgency: String
    var priority: String
    var source: String
    var assignee_id: UUID?
    var queue_id: UUID?
    var restored_tested: Bool
    var verification_attempted: Bool
    var client_informed: Bool
    var resolution: String?
    var exit_party: String?
    var exit_reference: String?
    var minutes_logged: Int
    var reopen_count: Int
    var exited_at: Date?
    var closed_at: Date?
    var alert_count: Int?
    var alert_last_seen: Date?

    /// The columns in the order above, for a SELECT that decodes into this.
    static let columns = [
        "id", "number", "version", "status", "status_since", "created_at", "impact", "urgency", "priority", "source",
        "assignee_id", "queue_id", "restored_tested", "verification_attempted", "client_informed", "resolution",
        "exit_party", "exit_reference", "minutes_logged", "reopen_count", "exited_at", "closed_at", "alert_count",
        "alert_last_seen",
    ]

    /// The aggregate; an unreadable stored enum is an error, never a default.
    func aggregate() throws -> Ticket {
        Ticket(
            status: try StoredValue.read(TicketStatus.self, status, column: "status"),
            statusSince: status_since ?? created_at,
            impact: try StoredValue.read(Impact.self, impact, column: "impact"),
            urgency: try StoredValue.read(Urgency.self, urgency, column: "urgency"),
            priority: try StoredValue.read(Priority.self, priority, column: "priority"),
            source: try StoredValue.read(TicketSource.self, source, column: "source"), assigneeID: assignee_id,
            queueID: queue_id, restoredTested: restored_tested, verificationAttempted: verification_attempted,
            clientInformed: client_informed, resolution: resolution, exitParty: exit_party, exitReference: exit_reference,
            minutesLogged: minutes_logged, reopenCount: reopen_count, exitedAt: exited_at, closedAt: closed_at,
            alertCount: alert_count, alertLastSeen: alert_last_seen)
    }
}

extension TicketModel {
    /// The row's aggregate columns.
    var stored: StoredTicket {
        get throws {
            StoredTicket(
                id: try requireID(), number: number, version: version, status: status, status_since: statusSince,
                created_at: createdAt, impact: impact, urgency: urgency, priority: priority, source: source,
                assignee_id: assigneeID, queue_id: queueID, restored_tested: restoredTested,
                verification_attempted: verificationAttempted, client_informed: clientInformed, resolution: resolution,
                exit_party: exitParty, exit_reference: exitReference, minutes_logged: minutesLogged,
                reopen_count: reopenCount, exited_at: exitedAt, closed_at: closedAt, alert_count: alertCount,
                alert_last_seen: alertLastSeen)
        }
    }
}
