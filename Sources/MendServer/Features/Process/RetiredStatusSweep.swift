import Fluent
import Foundation
import MendCore

/// Moves the tickets still in a status the definition in force retired into the status it names for them, each
/// through the ticket aggregate with its status event. Run after a version is applied and when a server starts,
/// so a crash between applying and moving leaves no ticket stranded in a status nobody can leave.
struct RetiredStatusSweep: Sendable {
    let db: any Database
    let services: MendServices

    /// How many tickets moved.
    @discardableResult
    func run() async throws -> Int {
        try await ProcessRules.$source.withValue(services.process) {
            let retired = (services.process.rules.definition.retired ?? []).map(\.key)
            guard !retired.isEmpty else { return 0 }
            let ids = try await TicketModel.query(on: db).filter(\.$status ~~ retired).all(\.$id)
            var moved = 0
            for id in ids { moved += try await move(id) }
            return moved
        }
    }

    private func move(_ id: UUID) async throws -> Int {
        let now = services.clock.now()
        let services = self.services
        return try await services.gate.transaction(on: db) { tx in
            try await TicketLoader(db: tx).lock(id)
            guard let ticket = try await TicketModel.find(id, on: tx) else { return 0 }
            var events = EventRecorder(system: "Mend process", at: now)
            let statusBefore = ticket.status
            let after = try ticket.change(&events) { aggregate in
                aggregate.leaveRetiredStatus(now: now).map { [$0] } ?? []
            }
            guard after.status.rawValue != statusBefore else { return 0 }
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: statusBefore, now: now, on: tx, services: services)
            return 1
        }
    }
}
