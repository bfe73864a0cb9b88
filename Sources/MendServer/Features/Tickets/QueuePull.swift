import Fluent
import Foundation
import MendCore
import SQLKit

/// "Pull next": the engineer takes the queue's most urgent unassigned open ticket, highest priority first,
/// then the nearest SLA deadline, then the oldest. On PostgreSQL the pick skips rows another engineer is
/// pulling at that moment, so two people never get the same ticket.
struct QueuePull {
    let db: any Database
    let services: MendServices

    /// The ticket now assigned to `principal`, or nil when nothing is waiting.
    func next(queueID: UUID?, by principal: Principal) async throws -> TicketModel? {
        try principal.requireStaff("queue")
        try principal.require(.ticketsWrite)
        guard let queueID, try await QueueModel.find(queueID, on: db) != nil else { throw Problem.notFound("queue") }
        let now = services.clock.now()
        return try await services.gate.transaction(on: db) { tx in
            let sql = try tx.sql
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            let open = EscalationPlan.watchedStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            struct Row: Decodable { var id: UUID }
            guard
                let row = try await sql.raw(
                    """
                    SELECT id FROM tickets WHERE queue_id = \(bind: queueID) AND assignee_id IS NULL
                    AND status IN (\(unsafeRaw: open))
                    ORDER BY priority, CASE WHEN sla_due_at IS NULL THEN 1 ELSE 0 END, sla_due_at, number
                    LIMIT 1\(unsafeRaw: lock)
                    """
                ).first(decoding: Row.self),
                let ticket = try await TicketModel.find(row.id, on: tx)
            else { return nil }
            var events = EventRecorder(actor: principal, at: now)
            let statusBefore = ticket.status
            try TicketAssignment.apply(
                ticket, to: principal.userID, name: "\(principal.name), pulled from the queue", events: &events)
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: statusBefore, now: now, on: tx, services: services)
            return ticket
        }
    }
}
