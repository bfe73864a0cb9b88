import Fluent
import Foundation
import MendCore
import SQLKit

/// Escalation policies: one per priority (and optionally per contract), versioned on every edit. An edit
/// applies to open tickets from then on: they are looked at again on the next scheduler tick, and each
/// firing names the version it came from.
struct EscalationPolicyService {
    let db: any Database
    let services: MendServices

    static let fields = ["name", "priority", "contractID", "levels"]

    func list(for principal: Principal) async throws -> [EscalationPolicyResponse] {
        try principal.requireStaff("escalation policy")
        let rows = try await EscalationPolicyModel.query(on: db).sort(\.$priority).sort(\.$name).all()
        return try rows.map(Self.response)
    }

    func policy(_ id: UUID?, for principal: Principal) async throws -> EscalationPolicyModel {
        try principal.requireStaff("escalation policy")
        guard let id, let row = try await EscalationPolicyModel.find(id, on: db) else {
            throw Problem.notFound("escalation policy")
        }
        return row
    }

    func versions(_ id: UUID?, for principal: Principal) async throws -> [EscalationPolicyVersionResponse] {
        let row = try await policy(id, for: principal)
        return try await EscalationPolicyVersionModel.query(on: db).filter(\.$policyID == row.id!)
            .sort(\.$version, .descending).all()
            .map { version in
                EscalationPolicyVersionResponse(
                    version: version.version,
                    levels: ((try? EscalationLevel.parse(json: version.levels)) ?? []).map(EscalationLevelBody.init),
                    createdAt: version.createdAt, createdBy: version.createdBy)
            }
    }

    /// Creates (`id` nil) or replaces a policy from its JSON object; every problem is named by field.
    func save(_ id: UUID?, _ object: [String: Any], by principal: Principal) async throws -> EscalationPolicyModel {
        try principal.requireStaff("escalation policy")
        try principal.require(.queuesManage)
        var check = FieldChecker()
        for key in object.keys.sorted() where !Self.fields.contains(key) {
            check.add(key, "is not a policy field (name, priority, contractID, levels)")
        }
        let name = object["name"] as? String
        check.required(name, "name", max: 120)
        let priority = (object["priority"] as? String).flatMap { Priority(rawValue: $0.lowercased()) }
        if priority == nil { check.add("priority", "must be p1, p2, p3 or p4") }
        var contractID: UUID?
        if let raw = object["contractID"], !(raw is NSNull) {
            contractID = (raw as? String).flatMap(UUID.init(uuidString:))
            if contractID == nil { check.add("contractID", "must be a contract id or null") }
        }
        var levels: [EscalationLevel] = []
        do { levels = try EscalationLevel.parse(levels: object["levels"]) } catch {
            error.problems.forEach { check.add($0.field, $0.message) }
        }
        try check.check()
        try await checkReferences(levels, contractID: contractID)
        let now = services.clock.now()
        let text = EscalationLevel.jsonText(levels)
        let contract = contractID
        let checkedPriority = try priority.required("priority")
        let checkedName = try name.required("name").trimmed
        return try await services.gate.transaction(on: db) { tx in
            let row: EscalationPolicyModel
            if let id {
                guard let found = try await EscalationPolicyModel.find(id, on: tx) else {
                    throw Problem.notFound("escalation policy")
                }
                row = found
                row.version += 1
            } else {
                row = EscalationPolicyModel()
                row.id = UUID()
                row.version = 1
            }
            var clash = EscalationPolicyModel.query(on: tx).filter(\.$priority == checkedPriority.rawValue)
                .filter(\.$contractID == contract)
            if let id { clash = clash.filter(\.$id != id) }
            if try await clash.count() > 0 {
                throw Problem(
                    .conflict, "duplicate", "Duplicate policy",
                    detail:
                        "A policy for \(checkedPriority.title)\(contract == nil ? "" : " on this contract") exists; edit it instead.",
                    field: "priority")
            }
            row.name = checkedName
            row.priority = checkedPriority.rawValue
            row.contractID = contract
            row.levels = text
            row.updatedAt = now
            row.updatedBy = principal.name
            try await row.save(on: tx)
            let version = EscalationPolicyVersionModel()
            version.id = UUID()
            version.policyID = row.id!
            version.version = row.version
            version.levels = text
            version.createdAt = now
            version.createdBy = principal.name
            try await version.create(on: tx)
            // Open tickets of this priority are looked at again under the new version.
            let watched = EscalationPlan.watchedStatuses.map(\.rawValue)
            try await TicketModel.query(on: tx).filter(\.$priority == checkedPriority.rawValue).filter(\.$status ~~ watched)
                .set(\.$watchNextAt, to: now).update()
            return row
        }
    }

    /// Roles, users, queues, rotations and the contract must exist; each unknown one is named.
    private func checkReferences(_ levels: [EscalationLevel], contractID: UUID?) async throws {
        var check = FieldChecker()
        if let contractID, try await ContractModel.find(contractID, on: db) == nil {
            check.add("contractID", "is not a known contract")
        }
        let roles = Set(try await RoleModel.query(on: db).filter(\.$isClient == false).all().map(\.key))
        let queues = Set(try await QueueModel.query(on: db).all().map(\.key))
        let staff = Set(
            try await UserModel.query(on: db).filter(\.$active == true).filter(\.$companyID == nil).all().map {
                $0.id!.uuidString
            })
        let rotations = Set(try await RotationModel.query(on: db).all().map { $0.id!.uuidString })
        for (index, level) in levels.enumerated() {
            let field = "levels[\(index)].actions"
            for (n, role) in level.actions.notifyRoles.enumerated() where !roles.contains(role) {
                check.add(
                    "\(field).notify.roles[\(n)]",
                    "'\(role)' is not a known staff role (\(roles.sorted().joined(separator: ", ")))")
            }
            for (n, user) in level.actions.notifyUsers.enumerated() where !staff.contains(user.uppercased()) {
                check.add("\(field).notify.users[\(n)]", "is not an active staff user id")
            }
            if let queue = level.actions.queue, !queues.contains(queue) {
                check.add("\(field).queue", "'\(queue)' is not a queue key (\(queues.sorted().joined(separator: ", ")))")
            }
            if let rotation = level.actions.pageRotation, !rotations.contains(rotation.uppercased()) {
                check.add("\(field).page_rotation", "is not a known rotation")
            }
        }
        try check.check()
    }

    static func response(_ row: EscalationPolicyModel) throws -> EscalationPolicyResponse {
        try EscalationPolicyResponse(
            id: row.id!, name: row.name, priority: try StoredValue.read(Priority.self, row.priority, column: "priority"),
            contractID: row.contractID,
            version: row.version, levels: ((try? EscalationLevel.parse(json: row.levels)) ?? []).map(EscalationLevelBody.init),
            updatedAt: row.updatedAt, updatedBy: row.updatedBy)
    }
}
