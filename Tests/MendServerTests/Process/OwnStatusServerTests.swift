import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// A status of the MSP's own, applied through the API: offered at once, pausing the clocks it names, filtered on and
/// named on the pages; and dropped again only with a home for its tickets, which then move there.
@Suite struct OwnStatusServerTests {
    /// The definition in force with "Waiting on carrier" after Waiting on Third Party.
    func withCarrier(_ m: TestMend) async throws -> ProcessDefinition {
        let r = try await m.send(.GET, "/api/v1/process", as: m.fx.adminToken)
        var definition = try JSONDecoder().decode(ProcessDefinition.self, from: Data(r.body.readableBytesView))
        definition.statuses.insert(
            ProcessStatus(
                key: "waiting_on_carrier", name: "Waiting on carrier", clientName: "With your carrier",
                clientText: "Your carrier is working on the line; we follow up with them.", kind: .waiting,
                pauses: ["restoration", "resolution"], reportsAs: "waiting_on_third_party"),
            at: 7)
        return definition
    }

    func put(_ m: TestMend, _ definition: ProcessDefinition) async throws -> TestingHTTPResponse {
        try await m.send(
            .PUT, "/api/v1/process", as: m.fx.adminToken, json: String(decoding: definition.json(), as: UTF8.self),
            headers: ["If-Match": "*"])
    }

    func move(_ m: TestMend, _ n: String, to status: String) async throws -> TestingHTTPResponse {
        try await m.send(.POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"\#(status)"}"#)
    }

    @Test func anAddedWaitingStatusCanBeUsedAtOnceAndPausesTheClocksItNames() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            #expect(try await move(m, n, to: "in_progress").status == .ok)
            #expect(try await move(m, n, to: "waiting_on_carrier").status == .unprocessableEntity, "not a status yet")
            var carrier = try await withCarrier(m)
            carrier.subprocesses[6].statuses.insert("waiting_on_carrier", at: 1)
            let applied = try await put(m, carrier)
            #expect(applied.status == .ok, "\(applied.body.string)")

            let options = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken))
            #expect(
                options.contains { $0["to"] as? String == "waiting_on_carrier" && $0["title"] as? String == "Waiting on carrier" }
            )
            m.clock.advance(seconds: 600)
            let moved = try await move(m, n, to: "waiting_on_carrier")
            #expect(moved.status == .ok, "\(moved.body.string)")
            m.clock.advance(seconds: 3600)
            let ticket = try await m.ticket(n)
            #expect(ticket.status == "waiting_on_carrier")
            #expect(try ticket.clock("restoration").state == "paused")
            #expect(try ticket.clock("resolution").state == "paused")
            #expect(try ticket.clock("update").state != "paused", "the update cadence is not among the clocks it names")

            let filtered = try m.items(
                try await m.send(.GET, "/api/v1/tickets?status=waiting_on_carrier", as: m.fx.engineerToken))
            #expect(filtered.map { $0["number"] as? String } == [n])
            let unknown = try await m.send(.GET, "/api/v1/tickets?status=waiting_on_nobody", as: m.fx.engineerToken)
            #expect(unknown.status == .unprocessableEntity && unknown.problem?.field == "status")
            let page = try await m.send(.GET, "/tickets/\(n)", as: m.fx.engineerToken)
            #expect(page.body.string.contains("Waiting on carrier"))
            let queue = try await m.send(.GET, "/tickets?status=waiting_on_carrier", as: m.fx.engineerToken)
            #expect(queue.status == .ok && queue.body.string.contains("Waiting on carrier"))
            let portal = try await m.send(.GET, "/tickets/\(n)", as: m.fx.clientAToken)
            #expect(portal.body.string.contains("With your carrier"), "the client reads its client name")
            let process = try await m.send(.GET, "/process", as: m.fx.engineerToken).body.string
            #expect(process.contains("yours; its time reports as Waiting on Third Party"))
            let map = try await m.send(.GET, "/process/blueprint/04c.07.svg", as: m.fx.engineerToken).body.string
            #expect(map.contains("Waiting on Third Party, Waiting on carrier, Escalated Out"), "the map names it")
            let detail = try await m.send(.GET, "/process/reports/detail.csv", as: m.fx.managerToken).body.string
            #expect(detail.contains("Waiting on Third Party, Waiting on carrier, Escalated Out"), "the Detail Report too")
            let openapi = try await m.send(.GET, "/api/v1/openapi.json", as: nil).body.string
            #expect(openapi.contains("waiting_on_carrier"), "the documented statuses are those in force")
        }
    }

    @Test func droppingAStatusOfYourOwnNeedsAHomeForItsTicketsAndMovesThem() async throws {
        try await withMend { m in
            let carrier = try await withCarrier(m)
            #expect(try await put(m, carrier).status == .ok)
            let n = try await m.openTicket()
            #expect(try await move(m, n, to: "in_progress").status == .ok)
            #expect(try await move(m, n, to: "waiting_on_carrier").status == .ok)

            var dropped = carrier
            dropped.statuses.remove(at: 7)
            let refused = try await put(m, dropped)
            #expect(refused.status == .unprocessableEntity && refused.problem?.field == "retired", "\(refused.body.string)")
            #expect(try await m.ticket(n).status == "waiting_on_carrier", "a refusal moves nothing")

            dropped.retired = [
                RetiredStatus(
                    key: "waiting_on_carrier", name: "Waiting on carrier", reportsAs: "waiting_on_third_party",
                    pauses: ["restoration", "resolution"], becomes: "waiting_on_vendor")
            ]
            let applied = try await put(m, dropped)
            #expect(applied.status == .ok, "\(applied.body.string)")
            #expect(try await m.ticket(n).status == "waiting_on_vendor")
            let moves = try await m.events(n, kind: "status_changed")
            #expect(moves.last?.actorName == "Mend process" && moves.last?.processVersion == 3)
            let gone = try await move(m, n, to: "waiting_on_carrier")
            #expect(gone.status == .conflict && gone.problem?.field == "to", "\(gone.body.string)")
            let page = try await m.send(.GET, "/tickets/\(n)", as: m.fx.engineerToken).body.string
            #expect(page.contains("Waiting on carrier was retired from the process"), "history still names it")
            let process = try await m.send(.GET, "/process", as: m.fx.engineerToken).body.string
            #expect(process.contains("id=\"retired-waiting_on_carrier\""))

            // A later version must keep it listed.
            var forgotten = dropped
            forgotten.retired = nil
            let again = try await put(m, forgotten)
            #expect(again.status == .unprocessableEntity && again.problem?.field == "retired")
        }
    }

    @Test func theLogoIsDrawnOnEveryBlueprintDrawing() async throws {
        try await withMend { m in
            var definition = try await withCarrier(m)
            definition.statuses.remove(at: 7)
            let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10"/></svg>"#
            definition.logo = "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
            #expect(try await put(m, definition).status == .ok)
            for file in ["overview.svg", "04c.02.svg"] {
                let drawing = try await m.send(.GET, "/process/blueprint/\(file)", as: m.fx.engineerToken).body.string
                #expect(drawing.contains(#"<image class="logo" href="data:image/svg+xml;base64,"#), "\(file)")
            }
            definition.logo = "https://example.com/logo.png"
            let refused = try await put(m, definition)
            #expect(refused.status == .unprocessableEntity && refused.problem?.field == "logo")
        }
    }
}
