import Fluent
import Foundation
import MendCore

/// The CSR handoff on P1/P2 tickets: recorded by the client service rep (who, when, the expectation and
/// ETA given to the client), shown as missing until then, and reported per period.
struct HandoffService {
    let db: any Database
    let services: MendServices

    func handoff(_ reference: String, for principal: Principal) async throws -> HandoffResponse {
        try principal.requireStaff("ticket")
        return try await handoff(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    /// The handoff of a ticket already loaded (and checked for the viewer).
    func handoff(of ticket: TicketModel) async throws -> HandoffResponse {
        try Self.response(ticket, try await CsrHandoffModel.query(on: db).filter(\.$ticketID == ticket.id!).first())
    }

    /// Records (or restates) the handoff; the latest expectation is the one the client holds.
    func record(_ reference: String, _ request: HandoffRequest, by principal: Principal) async throws -> HandoffResponse {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let now = services.clock.now()
        let handoff = try CsrHandoff(expectation: request.expectation, eta: request.eta, now: now)
        let record = CsrHandoffModel()
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            let existing = try await CsrHandoffModel.query(on: tx).filter(\.$ticketID == ticket.id!).first()
            let row = existing ?? record
            if existing == nil {
                row.id = UUID()
                row.ticketID = ticket.id!
            }
            row.csrID = principal.userID
            row.csrName = principal.name
            row.at = now
            row.expectation = handoff.expectation
            row.eta = handoff.eta
            try await row.save(on: tx)
            ticket.handoffAt = now
            events.record(
                .handoffRecorded,
                summary: "\(principal.name) \(existing == nil ? "handed off" : "restated the expectation"): "
                    + "\(handoff.expectation) (ETA \(UTCText.format(handoff.eta)))",
                after: ["expectation": handoff.expectation, "eta": UTCText.format(handoff.eta), "csr": principal.name])
            // The client hears the expectation in its own time zone.
            let zone =
                SlaRefresh.snapshot(of: ticket).flatMap { try? services.sla.calendar($0.calendar).0.timezone } ?? "UTC"
            try await ClientMessages(db: tx, services: services).queue(
                .expectationsSet, for: ticket,
                extra: ["handoff.expectation": handoff.expectation, "handoff.eta": WebFormat.time(handoff.eta, zone: zone)],
                events: &events)
        }
        return try Self.response(ticket, try await CsrHandoffModel.query(on: db).filter(\.$ticketID == ticket.id!).first())
    }

    /// P1/P2 tickets opened in `[from, to)`, oldest first.
    func report(from: Date, to: Date, for principal: Principal) async throws -> HandoffReportResponse {
        try principal.requireStaff("report")
        guard to > from else { throw Problem.invalid("to", "must be after from") }
        let tickets = try await TicketModel.query(on: db).filter(\.$priority ~~ ["p1", "p2"])
            .filter(\.$createdAt >= from).filter(\.$createdAt < to).sort(\.$createdAt).limit(5_000).all()
        let records = try await CsrHandoffModel.query(on: db).filter(\.$ticketID ~~ tickets.map { $0.id! }).all()
        let byTicket = Dictionary(records.map { ($0.ticketID, $0) }, uniquingKeysWith: { a, _ in a })
        let delay = services.config.handoffReminderMinutes
        var items: [HandoffReportResponse.Item] = []
        var minutes: [Int] = []
        var missing = 0
        for ticket in tickets {
            let opened = ticket.slaStart ?? ticket.createdAt
            // The first handoff time counts; a restated expectation keeps the ticket's handoff_at.
            let at = ticket.handoffAt.map { min($0, byTicket[ticket.id!]?.at ?? $0) }
            let taken = at.map { max(0, Int($0.timeIntervalSince(opened) / 60)) }
            if let taken { minutes.append(taken) }
            if CsrHandoff.isMissing(
                priority: try StoredValue.read(Priority.self, ticket.priority, column: "priority"),
                status: try StoredValue.read(TicketStatus.self, ticket.status, column: "status"),
                recorded: at != nil)
            {
                missing += 1
            }
            items.append(
                .init(
                    ticket: TicketNumber.format(ticket.number), summary: ticket.summary, priority: ticket.priority,
                    status: ticket.status, openedAt: opened, handoffAt: at, minutesToHandoff: taken,
                    csrName: byTicket[ticket.id!]?.csrName))
        }
        let sorted = minutes.sorted()
        return HandoffReportResponse(
            from: from, to: to, reminderMinutes: delay, tickets: tickets.count, handedOff: minutes.count,
            withinReminder: minutes.filter { $0 <= delay }.count, missing: missing,
            medianMinutes: sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2], items: items)
    }

    static func response(_ ticket: TicketModel, _ record: CsrHandoffModel?) throws -> HandoffResponse {
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        return try HandoffResponse(
            ticket: TicketNumber.format(ticket.number), required: CsrHandoff.required(for: priority),
            missing: CsrHandoff.isMissing(
                priority: priority, status: try StoredValue.read(TicketStatus.self, ticket.status, column: "status"),
                recorded: ticket.handoffAt != nil),
            csrID: record?.csrID, csrName: record?.csrName, at: record?.at, expectation: record?.expectation, eta: record?.eta)
    }
}
