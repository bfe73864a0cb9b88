import Fluent
import Foundation
import MendCore
import SQLKit
import Vapor

/// Reads and applies versions of the process definition. The newest stored version is in force; applying one
/// stores it, brings the directory's roles in line with it and installs its rules, all or nothing.
struct ProcessStore: Sendable {
    let db: any Database
    let services: MendServices

    /// One stored version, for the history.
    struct Version: Sendable {
        var version: Int
        var appliedAt: Date
        var appliedBy: String
    }

    /// The definition in force as stored; the shipped MSP-04c before M028 has run (it cannot have, where this runs).
    func newest() async throws -> ProcessDefinition {
        guard let row = try await ProcessVersionModel.query(on: db).sort(\.$version, .descending).first() else {
            return .msp04c
        }
        return try Self.decode(row)
    }

    /// Every applied version, newest first.
    func history() async throws -> [Version] {
        try await ProcessVersionModel.query(on: db).sort(\.$version, .descending).all().map {
            Version(version: $0.version, appliedAt: $0.appliedAt, appliedBy: $0.appliedBy)
        }
    }

    /// Installs the newest version's rules on this server, and moves any ticket a crash left in a retired status.
    func load() async throws {
        services.process.install(ProcessRules(try await newest()))
        try await RetiredStatusSweep(db: db, services: services).run()
    }

    /// Installs the newest version into `source` when another server applied one since this server last looked;
    /// one indexed read.
    static func refresh(_ source: ProcessRulesSource, on db: any Database) async throws {
        let version = try await db.sql.raw("SELECT MAX(version) AS version FROM \(ident: ProcessVersionModel.schema)")
            .first()?.decode(column: "version", as: Int?.self)
        guard let version, version != source.rules.definition.version,
            let row = try await ProcessVersionModel.query(on: db).filter(\.$version == version).first()
        else { return }
        source.install(ProcessRules(try decode(row)))
    }

    /// Applies `definition` as the next version. `expecting` is the version the editor read (If-Match); nil takes
    /// whatever is in force. Refused with every problem when invalid, with 412 when another version came first, and
    /// with 409 when it drops a role people still hold or a status of the MSP's own without saying where its
    /// tickets go. Tickets in a status it retires move where it says.
    func apply(_ definition: ProcessDefinition, expecting: Int?, by name: String) async throws -> ProcessDefinition {
        try ProcessValidator.validate(definition)
        let applied = try await services.gate.transaction(on: db) { tx -> ProcessDefinition in
            let current = try await ProcessStore(db: tx, services: services).newest()
            if let expecting, expecting != current.version {
                throw Problem(
                    .preconditionFailed, "stale-process", "The process changed",
                    detail:
                        "Version \(current.version) is in force; you edited version \(expecting). Read it again and reapply your change.",
                    field: "If-Match")
            }
            let change = ProcessValidator.changeProblems(from: current, to: definition)
            if !change.isEmpty { throw ValidationError(change) }
            var next = definition
            next.version = current.version + 1
            try await Self.syncRoles(from: current, to: next, on: tx)
            let row = ProcessVersionModel()
            row.version = next.version
            row.body = String(decoding: next.json(), as: UTF8.self)
            row.appliedAt = services.clock.now()
            row.appliedBy = name
            try await row.create(on: tx)
            return next
        }
        services.process.install(ProcessRules(applied))
        services.tokens.forgetAll()
        try await RetiredStatusSweep(db: db, services: services).run()
        return applied
    }

    /// The directory's roles as the definition names them: renamed and re-granted in place, added when new, and
    /// removed only when nobody holds them.
    private static func syncRoles(from current: ProcessDefinition, to next: ProcessDefinition, on tx: any Database)
        async throws
    {
        let stored = try await RoleModel.query(on: tx).all()
        for role in next.roles {
            let row = stored.first { $0.key == role.key } ?? RoleModel()
            row.key = role.key
            row.name = role.name
            row.permissions = role.permissions.joined(separator: ",")
            row.isClient = role.client
            try await row.save(on: tx)
        }
        let kept = Set(next.roles.map(\.key))
        for row in stored where !kept.contains(row.key) {
            let holders = try await UserModel.query(on: tx).filter(\.$roleKey == row.key).count()
            if holders > 0 {
                throw Problem(
                    .conflict, "role-held", "Role still held",
                    detail:
                        "\(holders) user(s) hold the role \"\(row.key)\" that this version drops: give them another role first.",
                    field: "roles")
            }
            try await row.delete(on: tx)
        }
    }

    private static func decode(_ row: ProcessVersionModel) throws -> ProcessDefinition {
        // Stored versions were valid when applied; they are read as written, not judged by today's validator.
        try JSONDecoder().decode(ProcessDefinition.self, from: Data(row.body.utf8))
    }
}

extension Request {
    var processStore: ProcessStore { ProcessStore(db: db, services: application.mend) }
}
