import Fluent
import Foundation
import MendCore

/// 04c.06: the vendor directory (support contacts, portal, clients' contract numbers) and vendor cases on tickets.
struct VendorService {
    let db: any Database
    let services: MendServices

    func vendors(for principal: Principal) async throws -> [VendorResponse] {
        try principal.requireStaff("vendor")
        let vendors = try await VendorModel.query(on: db).sort(\.$name).all()
        let contracts = try await VendorContractModel.query(on: db).all()
        let companies = try await CompanyModel.query(on: db).all()
        let names = Dictionary(uniqueKeysWithValues: companies.map { ($0.id!, $0.name) })
        return vendors.map { vendor in
            Self.response(vendor, contracts: contracts.filter { $0.vendorID == vendor.id }, companyNames: names)
        }
    }

    func vendor(_ id: UUID, for principal: Principal) async throws -> VendorResponse {
        guard let found = try await vendors(for: principal).first(where: { $0.id == id }) else {
            throw Problem.notFound("vendor")
        }
        return found
    }

    /// Adds (id nil) or edits a vendor; names are unique.
    func save(id: UUID?, _ request: VendorRequest, by principal: Principal) async throws -> VendorResponse {
        try principal.requireStaff("vendor")
        try principal.require(.companiesEdit)
        let vendor = try Vendor(
            name: request.name, supportPhone: request.supportPhone, supportEmail: request.supportEmail,
            portalURL: request.portalURL, notes: request.notes)
        let row: VendorModel
        if let id {
            guard let found = try await VendorModel.find(id, on: db) else { throw Problem.notFound("vendor") }
            row = found
        } else {
            row = VendorModel()
            row.id = UUID()
        }
        let clash = try await VendorModel.query(on: db).all().first {
            $0.name.lowercased() == vendor.name.lowercased() && $0.id != row.id
        }
        if clash != nil {
            throw Problem(
                .conflict, "duplicate", "Already in the directory", detail: "A vendor of that name is already in the directory.",
                field: "name")
        }
        row.name = vendor.name
        row.supportPhone = vendor.supportPhone
        row.supportEmail = vendor.supportEmail
        row.portalURL = vendor.portalURL
        row.notes = vendor.notes
        try await row.save(on: db)
        return try await self.vendor(row.id!, for: principal)
    }

    /// Records (or replaces) a client's contract number with the vendor.
    func saveContract(vendor id: UUID, _ request: VendorContractRequest, by principal: Principal) async throws
        -> VendorResponse
    {
        try principal.requireStaff("vendor")
        try principal.require(.companiesEdit)
        var check = FieldChecker()
        if request.companyID == nil { check.add("companyID", "is required") }
        check.required(request.contractNumber, "contractNumber", max: 100)
        try check.check()
        guard try await VendorModel.find(id, on: db) != nil else { throw Problem.notFound("vendor") }
        guard try await CompanyModel.find(request.companyID, on: db) != nil else {
            throw Problem.invalid("companyID", "is not a company")
        }
        let companyID = try request.companyID.required("companyID")
        let row =
            try await VendorContractModel.query(on: db).filter(\.$vendorID == id)
            .filter(\.$companyID == companyID).first() ?? VendorContractModel()
        if row.id == nil {
            row.id = UUID()
            row.vendorID = id
            row.companyID = companyID
        }
        row.contractNumber = try request.contractNumber.required("contractNumber").trimmed
        try await row.save(on: db)
        return try await vendor(id, for: principal)
    }

    // MARK: - Cases

    func cases(_ reference: String, for principal: Principal) async throws -> [VendorCaseResponse] {
        try principal.requireStaff("ticket")
        return try await cases(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func cases(of ticket: TicketModel) async throws -> [VendorCaseResponse] {
        let rows = try await VendorCaseModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
        return try await responses(rows, ticket: ticket)
    }

    /// Opens a case with a vendor; the ticket waits on the vendor and follow-ups are scheduled.
    func open(_ reference: String, _ request: VendorCaseRequest, by principal: Principal) async throws
        -> VendorCaseResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let vendorCase = try VendorCase(
            caseNumber: request.caseNumber, contact: request.contact, severity: request.severity,
            followUpHours: request.followUpHours)
        guard let vendorID = request.vendorID else { throw Problem.invalid("vendorID", "is required") }
        guard let vendor = try await VendorModel.find(vendorID, on: db) else {
            throw Problem.invalid("vendorID", "is not a vendor in the directory")
        }
        let now = services.clock.now()
        let row = VendorCaseModel()
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ResolutionSupport.requireOpen(ticket, "A vendor case")
            row.id = UUID()
            row.ticketID = ticket.id!
            row.vendorID = vendorID
            row.caseNumber = vendorCase.caseNumber
            row.contact = vendorCase.contact
            row.severity = vendorCase.severity.rawValue
            row.state = vendorCase.state.rawValue
            row.promisedResponseAt = request.promisedResponseAt
            row.followUpHours = vendorCase.followUpHours
            row.nextFollowUpAt = FollowUp.next(from: now, everyHours: vendorCase.followUpHours, after: now)
            row.openedBy = principal.name
            row.createdAt = now
            row.updatedAt = now
            try await row.create(on: tx)
            events.record(
                .vendorCaseOpened,
                summary: "Case \(vendorCase.caseNumber) opened with \(vendor.name) (\(vendorCase.severity.rawValue))",
                after: ["vendor": vendor.name, "case": vendorCase.caseNumber, "severity": vendorCase.severity.rawValue])
            try ResolutionSupport.enter(
                ticket, waiting: .waitingOnVendor, detail: "case \(vendorCase.caseNumber) with \(vendor.name)", events: &events)
        }
        return try await responses([row], ticket: ticket)[0]
    }

    /// Moves a case on or records the vendor's promise; a resolved case stops follow-ups and ends the wait.
    func update(_ reference: String, case id: UUID, _ request: VendorCaseUpdateRequest, by principal: Principal)
        async throws -> VendorCaseResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.length(request.note, "note", max: 2_000)
        try check.check()
        let now = services.clock.now()
        let box = Box<VendorCaseModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let row = try await VendorCaseModel.find(id, on: tx), row.ticketID == ticket.id else {
                throw Problem.notFound("vendor case")
            }
            if ticket.status == TicketStatus.closed.rawValue {
                throw Problem(.conflict, "ticket-closed", "Ticket closed", detail: "Cases of a closed ticket cannot change.")
            }
            let before = try StoredValue.read(VendorCase.State.self, row.state, column: "state")
            if let next = request.state {
                try VendorCase.move(from: before, to: next)
                row.state = next.rawValue
                row.nextFollowUpAt =
                    next.isActive
                    ? (row.nextFollowUpAt ?? FollowUp.next(from: now, everyHours: row.followUpHours, after: now)) : nil
                if !next.isActive {
                    try ResolutionSupport.leave(
                        ticket, waiting: .waitingOnVendor, detail: "vendor case \(next.title.lowercased())", events: &events)
                }
            }
            if let promised = request.promisedResponseAt { row.promisedResponseAt = promised }
            row.updatedAt = now
            try await row.update(on: tx)
            events.record(
                .vendorCaseChanged,
                summary:
                    "Case \(row.caseNumber): \((try StoredValue.read(VendorCase.State.self, row.state, column: "state")).title)"
                    + (request.note.nonEmpty.map { " · \($0)" } ?? ""),
                before: ["state": before.rawValue], after: ["state": row.state])
            box.value = row
        }
        return try await responses([box.value.guaranteed("the record written")], ticket: ticket)[0]
    }

    private func responses(_ rows: [VendorCaseModel], ticket: TicketModel) async throws -> [VendorCaseResponse] {
        let vendors = try await VendorModel.query(on: db).filter(\.$id ~~ Set(rows.map(\.vendorID))).all()
        let names = Dictionary(uniqueKeysWithValues: vendors.map { ($0.id!, $0.name) })
        let contracts = try await VendorContractModel.query(on: db).filter(\.$companyID == ticket.companyID).all()
        return rows.map { row in
            VendorCaseResponse(
                id: row.id!, ticket: ResolutionSupport.number(ticket), vendorID: row.vendorID,
                vendorName: names[row.vendorID] ?? "",
                contractNumber: contracts.first { $0.vendorID == row.vendorID }?.contractNumber,
                caseNumber: row.caseNumber, contact: row.contact, severity: row.severity, state: row.state,
                promisedResponseAt: row.promisedResponseAt, followUpHours: row.followUpHours, nextFollowUpAt: row.nextFollowUpAt,
                openedBy: row.openedBy, createdAt: row.createdAt)
        }
    }

    static func response(_ row: VendorModel, contracts: [VendorContractModel], companyNames: [UUID: String])
        -> VendorResponse
    {
        VendorResponse(
            id: row.id!, name: row.name, supportPhone: row.supportPhone, supportEmail: row.supportEmail,
            portalURL: row.portalURL, notes: row.notes,
            contracts: contracts.map {
                .init(companyID: $0.companyID, companyName: companyNames[$0.companyID] ?? "", contractNumber: $0.contractNumber)
            }.sorted { $0.companyName < $1.companyName })
    }
}
