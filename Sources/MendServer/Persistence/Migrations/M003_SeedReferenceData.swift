import Fluent
import MendCore

/// The shipped roles and the NOC queue, so a fresh install can be used at once.
struct M003_SeedReferenceData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for role in RoleDefinition.defaults {
            let model = RoleModel()
            model.key = role.key
            model.name = role.name
            model.permissions = role.permissions.map(\.rawValue).sorted().joined(separator: ",")
            model.isClient = role.isClient
            try await model.create(on: database)
        }
        let noc = QueueModel()
        noc.key = "noc"
        noc.name = "NOC"
        noc.description = "Network operations centre: Tier 2 incidents waiting for an engineer."
        try await noc.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await QueueModel.query(on: database).filter(\.$key == "noc").delete()
        try await RoleModel.query(on: database).delete()
    }
}
