import Fluent
import Foundation
import MendCore

/// 04c.03: part requests; the ticket waits on parts while any part is not yet received.
struct PartsService {
    let db: any Database
    let services: MendServices

    func parts(_ reference: String, for principal: Principal) async throws -> [PartResponse] {
        try principal.requireStaff("ticket")
        return try await parts(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func parts(of ticket: TicketModel) async throws -> [PartResponse] {
        try await PartRequestModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
            .map { try Self.response($0, ticket: ticket) }
    }

    /// Requests a part; a ticket being worked starts waiting on parts.
    func request(_ reference: String, _ request: PartCreateRequest, by principal: Principal) async throws -> PartResponse {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let part = try PartRequest(
            item: request.item, quantity: request.quantity, supplier: request.supplier.nonEmpty,
            rmaNumber: request.rmaNumber.nonEmpty, purchaseOrder: request.purchaseOrder.nonEmpty)
        var check = FieldChecker()
        check.length(request.carrier, "carrier", max: 100)
        check.length(request.trackingNumber, "trackingNumber", max: 100)
        try check.check()
        let now = services.clock.now()
        let row = PartRequestModel()
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ResolutionSupport.requireOpen(ticket, "A part request")
            row.id = UUID()
            row.ticketID = ticket.id!
            row.item = part.item
            row.quantity = part.quantity
            row.supplier = part.supplier
            row.rmaNumber = part.rmaNumber
            row.purchaseOrder = part.purchaseOrder
            row.carrier = request.carrier.nonEmpty
            row.trackingNumber = request.trackingNumber.nonEmpty
            row.eta = request.eta
            row.state = part.state.rawValue
            row.requestedBy = principal.name
            row.createdAt = now
            row.updatedAt = now
            try await row.create(on: tx)
            events.record(
                .partRequested,
                summary: "Part requested: \(part.quantity) × \(part.item)"
                    + (part.rmaNumber.map { " (RMA \($0))" } ?? ""),
                after: ["item": part.item, "quantity": String(part.quantity), "state": part.state.rawValue])
            try ResolutionSupport.enter(ticket, waiting: .waitingOnParts, detail: "waiting on \(part.item)", events: &events)
        }
        return try Self.response(row, ticket: ticket)
    }

    /// Moves a part on (forward only) or updates its shipping; the last part received ends the wait.
    func update(_ reference: String, part id: UUID, _ request: PartUpdateRequest, by principal: Principal) async throws
        -> PartResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.length(request.carrier, "carrier", max: 100)
        check.length(request.trackingNumber, "trackingNumber", max: 100)
        check.length(request.purchaseOrder, "purchaseOrder", max: 100)
        try check.check()
        let now = services.clock.now()
        let box = Box<PartRequestModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let row = try await PartRequestModel.find(id, on: tx), row.ticketID == ticket.id else {
                throw Problem.notFound("part")
            }
            if ticket.status == TicketStatus.closed.rawValue {
                throw Problem(.conflict, "ticket-closed", "Ticket closed", detail: "Parts of a closed ticket cannot change.")
            }
            if let next = request.state {
                var part = PartRequest(
                    stored: try StoredValue.read(PartRequest.State.self, row.state, column: "state"), rmaNumber: row.rmaNumber)
                let before = part.state
                try part.move(to: next)
                row.state = next.rawValue
                events.record(
                    .partMoved, summary: "\(row.item): \(before.title) → \(next.title)",
                    before: ["state": before.rawValue], after: ["state": next.rawValue])
            }
            if let carrier = request.carrier.nonEmpty { row.carrier = carrier }
            if let tracking = request.trackingNumber.nonEmpty { row.trackingNumber = tracking }
            if let order = request.purchaseOrder.nonEmpty { row.purchaseOrder = order }
            if let eta = request.eta { row.eta = eta }
            row.updatedAt = now
            try await row.update(on: tx)
            let all = try await PartRequestModel.query(on: tx).filter(\.$ticketID == ticket.id!).all()
            let waiting = PartRequest.waitingOnParts(
                try all.map {
                    PartRequest(
                        stored: try StoredValue.read(PartRequest.State.self, $0.state, column: "state"), rmaNumber: $0.rmaNumber)
                })
            if !waiting {
                try ResolutionSupport.leave(ticket, waiting: .waitingOnParts, detail: "all parts received", events: &events)
            }
            box.value = row
        }
        return try Self.response(box.value.guaranteed("the record written"), ticket: ticket)
    }

    static func response(_ row: PartRequestModel, ticket: TicketModel) throws -> PartResponse {
        let part = PartRequest(
            stored: try StoredValue.read(PartRequest.State.self, row.state, column: "state"), rmaNumber: row.rmaNumber)
        return PartResponse(
            id: row.id!, ticket: ResolutionSupport.number(ticket), item: row.item, quantity: row.quantity,
            supplier: row.supplier, rmaNumber: row.rmaNumber, purchaseOrder: row.purchaseOrder, carrier: row.carrier,
            trackingNumber: row.trackingNumber, eta: row.eta, state: row.state, nextStates: part.nextStates.map(\.rawValue),
            awaited: part.isAwaited, requestedBy: row.requestedBy, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }
}
