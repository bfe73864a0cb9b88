import Fluent
import MendCore
import Vapor

/// Applies a status transition: the exit path and resolution note it carries first, then the aggregate's move.
struct TicketTransition {
    let ticket: TicketModel
    let request: TransitionTicketRequest
    let principal: Principal
    let settings: LifecycleSettings

    func apply(on db: any Database, events: inout EventRecorder) async throws {
        var check = FieldChecker()
        check.length(request.reason, "reason", max: 2_000)
        check.length(request.resolutionNote, "resolutionNote", max: 20_000)
        check.length(request.exitParty, "exitParty", max: 200)
        check.length(request.exitReference, "exitReference", max: 200)
        if request.exitReference != nil && request.exitParty == nil { check.add("exitParty", "is required with exitReference") }
        try check.check()
        let now = events.at
        if let party = request.exitParty?.trimmed, !party.isEmpty {
            guard [.escalatedOut, .handedOff].contains(request.to) else {
                throw Problem.invalid("exitParty", "is only accepted when moving to escalated_out or handed_off")
            }
            let reference = request.exitReference?.trimmed
            try ticket.change(&events) { t in
                [
                    try t.recordExitPath(
                        party: party, reference: reference,
                        summary: "Exit to \(party)" + (reference.map { " (ref \($0))" } ?? ""), visibility: .backstage)
                ]
            }
        }
        if let text = request.resolutionNote?.trimmed, !text.isEmpty {
            let note = try await TicketNotes.store(
                text, visibility: .onstage, on: ticket, by: principal, at: now, on: db, isResolution: true)
            try ticket.change(&events) { t in
                [t.writeResolution(text, noteID: note, roleKey: principal.roleKey, by: principal.name)]
            }
        }
        try ticket.change(&events) { t in
            try t.transition(to: request.to, reason: request.reason, now: now, settings: settings)
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
