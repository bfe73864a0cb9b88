import Fluent
import Foundation
import MendCore
import SQLKit

/// Reminds the ticket's engineer (or the service managers when nobody has it) to chase a vendor case or a
/// third party when its follow-up falls due, then schedules the next one; each due follow-up fires once.
struct FollowUpScheduler {
    let db: any Database
    let services: MendServices

    /// Runs every follow-up due at `now`; returns how many reminders went out.
    @discardableResult
    func tick(now: Date) async throws -> Int {
        var sent = 0
        let cases = try await VendorCaseModel.query(on: db).filter(\.$nextFollowUpAt <= now).limit(200).all()
        for row in cases {
            sent += try await remind(ticketID: row.ticketID, now: now) { ticket, tx in
                guard let fresh = try await VendorCaseModel.find(row.id, on: tx), let due = fresh.nextFollowUpAt, due <= now
                else { return nil }
                let active =
                    VendorCase.State(rawValue: fresh.state)?.isActive == true && ticket.status != TicketStatus.closed.rawValue
                fresh.nextFollowUpAt = active ? FollowUp.next(from: due, everyHours: fresh.followUpHours, after: now) : nil
                try await fresh.update(on: tx)
                guard active else { return nil }
                let vendor = try await VendorModel.find(fresh.vendorID, on: tx)?.name ?? "the vendor"
                return "Follow up with \(vendor) on case \(fresh.caseNumber)"
            }
        }
        let exits = try await TicketExitModel.query(on: db).filter(\.$nextFollowUpAt <= now).limit(200).all()
        for row in exits {
            sent += try await remind(ticketID: row.ticketID, now: now) { ticket, tx in
                guard let fresh = try await TicketExitModel.find(row.id, on: tx), let due = fresh.nextFollowUpAt, due <= now
                else { return nil }
                // Checks run while the ticket stays with the party; a reopen or a close ends them.
                let active = fresh.partyResolvedAt == nil && ticket.status == TicketStatus.escalatedOut.rawValue
                fresh.nextFollowUpAt =
                    active ? FollowUp.next(from: due, everyHours: fresh.followUpHours ?? 24, after: now) : nil
                try await fresh.update(on: tx)
                guard active else { return nil }
                return "Check with \(fresh.party)" + (fresh.reference.map { " (ref \($0))" } ?? "") + " whether it is resolved"
            }
        }
        return sent
    }

    /// Runs `due` under the ticket's lock; when it returns a reminder, notifies and records it on the ticket.
    private func remind(
        ticketID: UUID, now: Date,
        _ due: @escaping @Sendable (TicketModel, any Database) async throws -> String?
    ) async throws -> Int {
        try await services.gate.transaction(on: db) { tx in
            try await TicketLoader(db: tx).lock(ticketID)
            guard let ticket = try await TicketModel.find(ticketID, on: tx), let text = try await due(ticket, tx) else {
                return 0
            }
            let notifier = Notifier(db: tx, services: services)
            var people = try await notifier.staff(ids: ticket.assigneeID.map { [$0] } ?? [])
            if people.isEmpty { people = try await notifier.staff(roles: ["service_manager"]) }
            try await notifier.send(
                to: people, ticket: ticket, kind: "follow_up", title: "\(Notifier.label(ticket)): follow-up due", body: text,
                now: now)
            var events = EventRecorder(system: "Mend follow-ups", at: now)
            events.record(.followUpDue, summary: text, after: ["notified": people.map(\.name).joined(separator: ", ")])
            let status = ticket.status
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: status, replayClocks: false, now: now, on: tx, services: services)
            return 1
        }
    }
}
