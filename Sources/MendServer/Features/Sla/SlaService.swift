import Fluent
import Foundation
import MendCore
import SQLKit

/// SLA policies, each contract's calendar and policy, and the at-risk list.
struct SlaService {
    let db: any Database
    let services: MendServices
    /// The members of a contract SLA body.
    static let contractSlaFields = ["slaPolicyID", "calendar"]

    func policies(for principal: Principal) async throws -> [SlaPolicyModel] {
        try principal.requireStaff("SLA policy")
        return try await SlaPolicyModel.query(on: db).sort(\.$name).all()
    }

    func policy(_ id: UUID?, for principal: Principal) async throws -> SlaPolicyModel {
        try principal.requireStaff("SLA policy")
        guard let id, let row = try await SlaPolicyModel.find(id, on: db) else { throw Problem.notFound("SLA policy") }
        return row
    }

    func createPolicy(_ object: [String: Any], by principal: Principal) async throws -> SlaPolicyModel {
        try principal.requireStaff("SLA policy")
        try principal.require(.contractsEdit)
        let policy = try SlaPolicy.parse(object: object)
        let row = SlaPolicyModel()
        row.id = UUID()
        row.name = policy.name
        row.definition = String(decoding: policy.jsonData, as: UTF8.self)
        row.version = 1
        row.isDefault = false
        row.updatedAt = services.clock.now()
        try await services.gate.transaction(on: db) { tx in try await row.create(on: tx) }
        return row
    }

    /// Replaces a policy; open tickets under it replay their history on the next scheduler tick.
    func replacePolicy(_ id: UUID?, _ object: [String: Any], by principal: Principal) async throws -> SlaPolicyModel {
        try principal.requireStaff("SLA policy")
        try principal.require(.contractsEdit)
        let policy = try SlaPolicy.parse(object: object)
        let now = services.clock.now()
        return try await services.gate.transaction(on: db) { tx in
            guard let id, let row = try await SlaPolicyModel.find(id, on: tx) else { throw Problem.notFound("SLA policy") }
            row.name = policy.name
            row.definition = String(decoding: policy.jsonData, as: UTF8.self)
            row.version += 1
            row.updatedAt = now
            try await row.update(on: tx)
            var contracts = try await ContractModel.query(on: tx).filter(\.$slaPolicyID == id).all().compactMap(\.id)
            if row.isDefault {
                contracts += try await ContractModel.query(on: tx).filter(\.$slaPolicyID == nil).all().compactMap(\.id)
            }
            try await markStale(contracts: contracts, includeUncontracted: row.isDefault, now: now, on: tx)
            return row
        }
    }

    /// The contract's SLA settings as stored, with the calendar in force when none is stored.
    func contractSla(_ id: UUID?, for principal: Principal) async throws -> ContractSlaResponse {
        try principal.requireStaff("contract")
        guard let id, let contract = try await ContractModel.find(id, on: db) else { throw Problem.notFound("contract") }
        return try await response(for: contract)
    }

    /// Sets a contract's policy and calendar (`null` for the defaults); its open tickets replay on the next tick.
    func setContractSla(_ id: UUID?, _ object: [String: Any], by principal: Principal) async throws -> ContractSlaResponse {
        try principal.requireStaff("contract")
        try principal.require(.contractsEdit)
        var check = FieldChecker()
        for key in object.keys.sorted() where !Self.contractSlaFields.contains(key) {
            check.add(key, "is not a contract SLA field (slaPolicyID, calendar)")
        }
        var policyID: UUID?
        if let raw = object["slaPolicyID"], !(raw is NSNull) {
            if let text = raw as? String, let parsed = UUID(uuidString: text) {
                policyID = parsed
            } else {
                check.add("slaPolicyID", "must be a policy id or null")
            }
        }
        var calendarText: String?
        if let raw = object["calendar"], !(raw is NSNull) {
            if let calendarObject = raw as? [String: Any] {
                do {
                    calendarText = try BusinessCalendar.parse(object: calendarObject).jsonText
                } catch {
                    error.problems.forEach { check.add("calendar.\($0.field)", $0.message) }
                }
            } else {
                check.add("calendar", "must be a calendar object or null")
            }
        }
        try check.check()
        let now = services.clock.now()
        let (chosenPolicy, chosenCalendar) = (policyID, calendarText)
        let contract = try await services.gate.transaction(on: db) { tx in
            guard let id, let contract = try await ContractModel.find(id, on: tx) else { throw Problem.notFound("contract") }
            if let chosenPolicy, try await SlaPolicyModel.find(chosenPolicy, on: tx) == nil {
                throw Problem.invalid("slaPolicyID", "is not a known SLA policy")
            }
            contract.slaPolicyID = chosenPolicy
            contract.calendar = chosenCalendar
            try await contract.update(on: tx)
            try await markStale(contracts: [id], includeUncontracted: false, now: now, on: tx)
            return contract
        }
        return try await response(for: contract)
    }

    /// Open tickets with a clock past its warning share or breached, nearest deadline first, across all queues.
    func atRisk(for principal: Principal, limit: Int) async throws -> [TicketModel] {
        try await atRisk(for: principal, candidates: limit * 2).prefix(limit).map { $0 }
    }

    /// One page of the tickets at risk or breached, nearest deadline first, and how many there are in all.
    func atRiskPage(for principal: Principal, page: Int, size: Int) async throws -> (tickets: [TicketModel], total: Int) {
        let all = try await atRisk(for: principal, candidates: nil)
        let start = min(all.count, max(0, page - 1) * size)
        return (Array(all[start..<min(all.count, start + size)]), all.count)
    }

    /// The tickets at risk or breached among the first `candidates` whose warning instant has come (nil: all).
    private func atRisk(for principal: Principal, candidates: Int?) async throws -> [TicketModel] {
        try principal.requireStaff("ticket")
        let now = services.clock.now()
        let reader = SlaReader(cache: services.sla, now: now)
        let open = TicketStatus.allCases.filter(\.isOpen).map(\.rawValue)
        // Only tickets whose warning instant has come can be at risk; the index on sla_warn_at finds them.
        let query = TicketModel.query(on: db)
            .filter(\.$status ~~ open).filter(\.$slaWarnAt <= now)
            .sort(.custom(SQLRaw("(CASE WHEN sla_due_at IS NULL THEN 1 ELSE 0 END)"))).sort(\.$slaDueAt).sort(\.$number)
        if let candidates { query.limit(candidates) }
        return try await query.all().filter { ticket in
            guard let sla = reader.response(for: ticket) else { return false }
            return sla.atRisk || sla.breached
        }
    }

    private func markStale(contracts: [UUID], includeUncontracted: Bool, now: Date, on tx: any Database) async throws {
        let open = TicketStatus.allCases.filter(\.isOpen).map(\.rawValue)
        // Each ticket gets a replay row in the timer queue (before it is marked, so only once) and keeps the
        // row's instant in `sla_next_at`, where the writer that replays it first finds the row to take out.
        let openList = SQLList(open.map { SQLBind($0) })
        if !contracts.isEmpty {
            try await SlaTimerRows.queueReplay(
                where:
                    "contract_id IN \(SQLGroupExpression(SQLList(contracts.map { SQLBind($0) }))) AND status IN \(SQLGroupExpression(openList))",
                at: now, on: tx)
            try await TicketModel.query(on: tx).filter(\.$contractID ~~ contracts).filter(\.$status ~~ open)
                .set(\.$slaStale, to: true).set(\.$slaNextAt, to: now).update()
        }
        if includeUncontracted {
            try await SlaTimerRows.queueReplay(
                where: "contract_id IS NULL AND status IN \(SQLGroupExpression(openList))", at: now, on: tx)
            try await TicketModel.query(on: tx).filter(\.$contractID == nil).filter(\.$status ~~ open)
                .set(\.$slaStale, to: true).set(\.$slaNextAt, to: now).update()
        }
    }

    private func response(for contract: ContractModel) async throws -> ContractSlaResponse {
        let policies = try await SlaPolicyModel.query(on: db).all()
        let policy = policies.first { $0.id == contract.slaPolicyID } ?? policies.first(where: \.isDefault)
        let company = try await CompanyModel.find(contract.companyID, on: db)
        let calendarText =
            contract.calendar
            ?? BusinessCalendar.contractDefault(coverage: contract.coverage, timezone: company?.timezone ?? "UTC").jsonText
        return ContractSlaResponse(
            contractID: contract.id!, slaPolicyID: contract.slaPolicyID, policyName: policy?.name ?? SlaPolicy.standard.name,
            calendar: CalendarBody.decode(calendarText), calendarIsDefault: contract.calendar == nil)
    }
}
