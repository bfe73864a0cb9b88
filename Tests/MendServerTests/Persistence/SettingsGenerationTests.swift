import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import MendServer

/// The settings counter (M017 on SQLite, M026 on PostgreSQL) moves with every write to a table a ticket's settings
/// come from, so a ticket write may keep the settings it read while the counter stands still (`SettingsReads`).
@Suite(.serialized) struct SettingsGenerationTests {
    func counter(_ m: TestMend) async throws -> Int {
        try #require(
            try await m.app.db.sql.raw("SELECT value FROM counters WHERE name = 'settings'").first()?.decode(
                column: "value", as: Int.self))
    }

    @Test func everyWriteToTheSettingsTablesMovesTheCounter() async throws {
        try await withMend { m in
            let sql = try m.app.db.sql
            var last = try await counter(m)
            // Each statement changes rows (SQLite's triggers are per row; a statement that changes none moves nothing).
            for statement in [
                "UPDATE companies SET name = name",
                "UPDATE contracts SET name = name",
                "UPDATE sla_policies SET name = name",
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
                let now = try await counter(m)
                #expect(now > last, "\(statement)")
                last = now
            }
            try await sql.raw("UPDATE tickets SET summary = summary").run()
            #expect(try await counter(m) == last, "a ticket write is not a settings write")
        }
    }

    /// A policy replaced through a second server is what the next change on this server uses.
    @Test func aChangeSeesSettingsChangedThroughAnotherServer() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            let note = #"{"body":"Looking into it","visibility":"backstage"}"#
            #expect(try await m.send(.POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: note).status == .created)
            #expect(try await m.ticket(n).sla?.policy == "Standard")
            try await withSecondProcess(of: m) { other in
                let body =
                    #"{"name":"Tight","warning_percent":50,"targets":{"p2":{"restoration":{"minutes":60,"basis":"24x7"}}}}"#
                let replaced = try await other.testing().sendRequest(
                    .PUT, "/api/v1/sla-policies/\(SlaPolicyModel.standardID)",
                    headers: ["Authorization": "Bearer \(m.fx.adminToken)", "Content-Type": "application/json"],
                    body: ByteBuffer(string: body))
                #expect(replaced.status == .ok, "\(replaced.body.string)")
            }
            #expect(try await m.send(.POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: note).status == .created)
            #expect(try await m.ticket(n).sla?.policy == "Tight")
        }
    }
}
