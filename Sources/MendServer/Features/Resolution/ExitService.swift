import Fluent
import Foundation
import MendCore

/// 04c.07 and 04c.08: the ticket leaves Tier 2 to a third party (Escalated Out, with follow-ups until the
/// party reports resolution) or to the client's own IT (Handed Off). The exit is recorded at once; the
/// ticket leaves as soon as the exit gates are met, and the answer names the gates still open.
struct ExitService {
    let db: any Database
    let services: MendServices

    /// An exit record with where the ticket stands and what still keeps it in Tier 2.
    struct Outcome {
        var exit: TicketExitModel
        var ticket: TicketModel
        var unmet: [ExitGate]
    }

    func exits(_ reference: String, for principal: Principal) async throws -> [TicketExitResponse] {
        try principal.requireStaff("ticket")
        return try await exits(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func exits(of ticket: TicketModel) async throws -> [TicketExitResponse] {
        try await TicketExitModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
            .map { Self.response($0, number: ResolutionSupport.number(ticket)) }
    }

    func escalate(_ reference: String, _ request: ThirdPartyRequest, by principal: Principal) async throws -> Outcome {
        let record = try ThirdPartyEscalation(
            party: request.party, reference: request.reference, contact: request.contact, escalated: request.escalated,
            followUpHours: request.followUpHours)
        return try await leave(
            reference, kind: .thirdParty, party: record.party, reference: record.reference, contact: record.contact,
            summary: record.escalated, followUpHours: record.followUpHours, by: principal)
    }

    func handOff(_ reference: String, _ request: ClientITRequest, by principal: Principal) async throws -> Outcome {
        let record = try ClientITHandoff(receivedBy: request.receivedBy, handedOver: request.handedOver)
        return try await leave(
            reference, kind: .clientIT, party: "Client IT: \(record.receivedBy)", reference: nil,
            contact: record.receivedBy, summary: record.handedOver, followUpHours: nil, by: principal)
    }

    private func leave(
        _ number: String, kind: TicketExitKind, party: String, reference: String?, contact: String?, summary: String,
        followUpHours: Int?, by principal: Principal
    ) async throws -> Outcome {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let now = services.clock.now()
        let row = TicketExitModel()
        let unmet = Box<[ExitGate]>([])
        let ticket = try await TicketService(db: db, services: services).mutate(number, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ticket.change(&events) { t in
                [
                    try t.recordExitPath(
                        party: party, reference: reference,
                        summary: kind == .thirdParty
                            ? "Escalated to \(party)" + (reference.map { " (ref \($0))" } ?? "") + ": \(summary)"
                            : "Handed to the client's IT (\(contact ?? party)): \(summary)",
                        visibility: .onstage, kind: kind)
                ]
            }
            row.id = UUID()
            row.ticketID = try ticket.requireID()
            row.kind = kind.rawValue
            row.party = party
            row.reference = reference
            row.contact = contact
            row.summary = summary
            row.followUpHours = followUpHours
            row.nextFollowUpAt = followUpHours.map { FollowUp.next(from: now, everyHours: $0, after: now) }
            row.recordedBy = principal.name
            row.createdAt = now
            try await row.create(on: tx)
            try ticket.change(&events) { t in
                let left = t.leave(by: kind, detail: party, now: now)
                unmet.value = left.unmet
                return left.events
            }
        }
        return Outcome(exit: row, ticket: ticket, unmet: unmet.value)
    }

    /// The third party reports the incident resolved: follow-ups stop, and the client sees it.
    func partyResolved(_ reference: String, _ request: PartyResolvedRequest, by principal: Principal) async throws
        -> TicketExitResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.required(request.resolution, "resolution", max: 4_000)
        try check.check()
        let now = services.clock.now()
        let box = Box<TicketExitModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard
                let row = try await TicketExitModel.query(on: tx).filter(\.$ticketID == ticket.id!)
                    .filter(\.$kind == TicketExitKind.thirdParty.rawValue).sort(\.$createdAt, .descending).first()
            else {
                throw Problem(
                    .conflict, "no-third-party", "Not escalated to a third party",
                    detail: "Record the escalation to a third party before its resolution.")
            }
            if row.partyResolvedAt != nil {
                throw Problem(
                    .conflict, "party-already-resolved", "Already resolved",
                    detail: "\(row.party) already reported the incident resolved.")
            }
            let resolution = try request.resolution.required("resolution").trimmed
            row.partyResolvedAt = now
            row.partyResolution = resolution
            row.nextFollowUpAt = nil
            try await row.update(on: tx)
            events.record(
                .partyResolved, .onstage, summary: "\(row.party) reports the incident resolved: \(resolution)",
                after: ["party": row.party])
            box.value = row
        }
        return try Self.response(box.value.guaranteed("the record written"), number: ResolutionSupport.number(ticket))
    }

    static func response(_ row: TicketExitModel, number: String) -> TicketExitResponse {
        TicketExitResponse(
            id: row.id!, ticket: number, kind: row.kind, party: row.party, reference: row.reference, contact: row.contact,
            summary: row.summary, followUpHours: row.followUpHours, nextFollowUpAt: row.nextFollowUpAt,
            partyResolvedAt: row.partyResolvedAt, partyResolution: row.partyResolution, recordedBy: row.recordedBy,
            createdAt: row.createdAt)
    }
}
