import Fluent
import Foundation
import MendCore
import SQLKit

/// The process definition as data: its versions, the MSP-04c document as version 1 (the rules Mend enforced before,
/// which a core test compares pair by pair), the version each event ran under, and the administrator's right to
/// apply a new one. Applying a version moves the settings counter, so every server's next ticket write picks it up.
struct M028_ProcessDefinitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProcessVersionModel.schema)
            .id()
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("applied_at", .datetime, .required)
            .field("applied_by", .string, .required)
            .unique(on: "version")
            .create()
        try await database.schema("events").field("process_version", .int).update()
        var shipped = ProcessDefinition.msp04c
        shipped.version = 1
        let first = ProcessVersionModel()
        first.version = 1
        first.body = String(decoding: shipped.json(), as: UTF8.self)
        first.appliedAt = Date()
        first.appliedBy = "Mend (MSP-04c as shipped)"
        try await first.create(on: database)
        // The administrator of an existing database gains the new right; a new database seeds it from the roles.
        if let admin = try await RoleModel.query(on: database).filter(\.$key == "admin").first() {
            let rights = admin.permissions.split(separator: ",").map(String.init)
            if !rights.contains(Permission.processManage.rawValue) {
                admin.permissions = (rights + [Permission.processManage.rawValue]).joined(separator: ",")
                try await admin.update(on: database)
            }
        }
        try await counterTriggers(on: database)
    }

    private func counterTriggers(on database: any Database) async throws {
        let sql = try database.sql
        let table = ProcessVersionModel.schema
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE TRIGGER IF NOT EXISTS settings_process_definitions_insert AFTER INSERT ON \(unsafeRaw: table)
                BEGIN UPDATE counters SET value = value + 1 WHERE name = 'settings'; END
                """
            ).run()
        } else if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TRIGGER settings_process_definitions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
                ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION mend_settings_moved()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("events").deleteField("process_version").update()
        try await database.schema(ProcessVersionModel.schema).delete()
    }
}
