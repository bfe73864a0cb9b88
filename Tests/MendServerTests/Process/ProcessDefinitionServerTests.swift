import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The process definition as stored, served and applied: versions with If-Match, refusals that list every problem
/// and change nothing, renames that show at once, events that name their version, and servers that follow a version
/// another applied.
@Suite struct ProcessDefinitionServerTests {
    func document(_ m: TestMend) async throws -> (version: String?, definition: ProcessDefinition) {
        let r = try await m.send(.GET, "/api/v1/process", as: m.fx.engineerToken)
        #expect(r.status == .ok)
        return (
            r.headers.first(name: .eTag), try JSONDecoder().decode(ProcessDefinition.self, from: Data(r.body.readableBytesView))
        )
    }

    func put(_ m: TestMend, _ definition: ProcessDefinition, ifMatch: String? = "\"1\"", as token: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers: HTTPHeaders = [:]
        if let ifMatch { headers.replaceOrAdd(name: .ifMatch, value: ifMatch) }
        return try await m.send(
            .PUT, "/api/v1/process", as: token ?? m.fx.adminToken, json: String(decoding: definition.json(), as: UTF8.self),
            headers: headers)
    }

    @Test func theShippedDefinitionIsVersionOneAndRoundTripsThroughTheAPI() async throws {
        try await withMend { m in
            let (etag, shipped) = try await document(m)
            var expected = ProcessDefinition.msp04c
            expected.version = 1
            #expect(etag == "\"1\"" && shipped == expected)
            let applied = try await put(m, shipped)
            #expect(applied.status == .ok, "\(applied.body.string)")
            #expect(applied.headers.first(name: .eTag) == "\"2\"")
            let (again, reread) = try await document(m)
            expected.version = 2
            #expect(again == "\"2\"" && reread == expected, "only the version moved")
            let versions = try m.items(try await m.send(.GET, "/api/v1/process/versions", as: m.fx.engineerToken))
            #expect(versions.map { $0["version"] as? Int } == [2, 1])
            #expect(versions.first?["appliedBy"] as? String == "Ada Admin")
        }
    }

    @Test func applyingNeedsTheRightTheVersionReadAndItsIfMatch() async throws {
        try await withMend { m in
            let shipped = try await document(m).definition
            #expect(try await put(m, shipped, as: m.fx.engineerToken).status == .forbidden)
            #expect(try await put(m, shipped, as: m.fx.managerToken).status == .forbidden)
            #expect(try await m.send(.GET, "/api/v1/process", as: m.fx.clientAToken).status == .notFound)
            let missing = try await put(m, shipped, ifMatch: nil)
            #expect(missing.status == .preconditionRequired && missing.problem?.field == "If-Match")
            #expect(try await put(m, shipped, ifMatch: "\"7\"").status == .preconditionFailed)
            #expect(try await put(m, shipped, ifMatch: "*").status == .ok, "* replaces whatever is in force")
            #expect(try await put(m, shipped, ifMatch: "\"1\"").status == .preconditionFailed, "version 2 came first")
            #expect(try await document(m).version == "\"2\"")
        }
    }

    @Test func aBrokenDefinitionIsRefusedWithEveryProblemByPathAndChangesNothing() async throws {
        try await withMend { m in
            var broken = try await document(m).definition
            broken.statuses.removeAll { $0.key == "with_sme" }
            broken.moves[4].gates = [.gate("resolution_note")]
            broken.subprocesses[3].tasks[0].role = "dispatcher"
            broken.roles[0].name = "Field technician"
            let (status, fields) = try await m.refused(
                .PUT, "/api/v1/process", String(decoding: broken.json(), as: UTF8.self), as: m.fx.adminToken)
            #expect(status == .preconditionRequired, "If-Match is checked before the body")
            let r = try await put(m, broken)
            #expect(r.status == .unprocessableEntity)
            let problems = try m.object(r)["errors"] as? [[String: Any]] ?? []
            #expect(
                Set(problems.compactMap { $0["field"] as? String }) == [
                    "statuses", "moves[4].gates", "subprocesses[3].tasks[0].role", "subprocesses[4].statuses[0]",
                ])
            #expect(fields == ["If-Match"])
            #expect(try await document(m).version == "\"1\"")
            let roles = try m.items(try await m.send(.GET, "/api/v1/roles", as: m.fx.adminToken))
            #expect(roles.contains { $0["name"] as? String == "NOC / Tier 2 engineer" }, "the rename was not applied")
        }
    }

    @Test func aRenamedRoleAndStatusShowAtOnceInTheAPIAndOnThePages() async throws {
        try await withMend { m in
            var definition = try await document(m).definition
            definition.roles[0].name = "Field technician"
            definition.statuses[3].name = "Awaiting customer"
            definition.statuses[3].clientName = "Over to you"
            #expect(try await put(m, definition).status == .ok)
            let roles = try m.items(try await m.send(.GET, "/api/v1/roles", as: m.fx.adminToken))
            #expect(roles.contains { $0["key"] as? String == "engineer" && $0["name"] as? String == "Field technician" })
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            let options = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken))
            #expect(
                options.contains { $0["to"] as? String == "waiting_on_client" && $0["title"] as? String == "Awaiting customer" })
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"waiting_on_client"}"#, expect: .ok)
            let page = try await m.send(.GET, "/process", as: m.fx.engineerToken)
            #expect(page.status == .ok && page.body.string.contains("Awaiting customer"))
            #expect(page.body.string.contains("Eli Engineer · Field technician"), "the header names the renamed role")
            let portal = try await m.send(.GET, "/tickets/\(n)", as: m.fx.clientAToken)
            #expect(portal.body.string.contains("Over to you"), "the client reads the client name")
        }
    }

    @Test func everyEventRecordsTheVersionItRanUnder() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            #expect(try await m.events(n, kind: "created").map(\.processVersion) == [1])
            #expect(try await put(m, try await document(m).definition).status == .ok)
            try await m.post("/api/v1/tickets/\(n)/notes", #"{"body":"Checked the tunnel","visibility":"backstage"}"#)
            #expect(try await m.events(n, kind: "note_added").map(\.processVersion) == [2])
            #expect(try await m.events(n, kind: "created").map(\.processVersion) == [1], "history keeps its version")
            let listed = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.engineerToken))
            #expect(Set(listed.compactMap { $0["processVersion"] as? Int }) == [1, 2])
        }
    }

    /// A gate added through another server holds on this one's next write, without a restart.
    @Test func aVersionAppliedThroughAnotherServerIsEnforcedOnTheNextWrite() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            var definition = try await document(m).definition
            // This MSP wants time on the ticket before any move into work.
            definition.moves[0].gates = [.gate("time_entered")]
            try await withSecondProcess(of: m) { other in
                let r = try await other.testing().sendRequest(
                    .PUT, "/api/v1/process",
                    headers: [
                        "Authorization": "Bearer \(m.fx.adminToken)", "Content-Type": "application/json", "If-Match": "\"1\"",
                    ], body: ByteBuffer(data: definition.json()))
                #expect(r.status == .ok, "\(r.body.string)")
            }
            let refused = try await m.send(
                .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            #expect(refused.status == .unprocessableEntity, "\(refused.body.string)")
            #expect(refused.problem?.gates?.map(\.gate) == ["time_entered"])
            try await m.post("/api/v1/tickets/\(n)/time-entries", #"{"minutes":10,"workType":"diagnosis"}"#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
        }
    }

    @Test func aVersionThatDropsARoleSomeoneHoldsIsRefused() async throws {
        try await withMend { m in
            var added = try await document(m).definition
            added.roles.append(ProcessRole(key: "dispatcher", name: "Dispatcher", permissions: ["tickets.read_all"]))
            #expect(try await put(m, added).status == .ok)
            let user = #"{"email":"dee@msp.example","name":"Dee Dispatch","role":"dispatcher","password":"a-long-password-1"}"#
            try await m.post("/api/v1/users", user, as: m.fx.adminToken)
            added.roles.removeLast()
            let refused = try await put(m, added, ifMatch: "\"2\"")
            #expect(refused.status == .conflict && refused.problem?.field == "roles", "\(refused.body.string)")
            #expect(try await document(m).version == "\"2\"")
        }
    }

    /// docs/process.schema.json is the schema the server documents and holds documents to.
    @Test func thePublishedSchemaIsTheOneTheServerHolds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let published = try Data(contentsOf: root.appendingPathComponent("docs/process.schema.json"))
        #expect(published == ProcessAdmin.schema(), "regenerate it: mend process schema --out docs/process.schema.json")
    }
}

/// The blueprint drawn from the definition in force: an SVG per sub-process and the overview, redrawn by a rename.
@Suite struct BlueprintServerTests {
    @Test func theDrawingsShowTheLanesTheTasksAndARenameAtOnce() async throws {
        try await withMend { m in
            let overview = try await m.send(.GET, "/process/blueprint/overview.svg", as: m.fx.engineerToken)
            #expect(overview.status == .ok && overview.headers.contentType?.subType == "svg+xml")
            #expect(overview.body.string.contains("04c.08") && overview.body.string.contains("Escalated Out"))
            let map = try await m.send(.GET, "/process/blueprint/04c.02.svg", as: m.fx.engineerToken)
            let svg = map.body.string
            for text in [
                "Client actions", "Onstage", "Backstage", "Support processes", "Line of visibility", "Apply the fix",
                "Restoration test", "Did the test pass?",
            ] {
                #expect(svg.contains(text), "\(text)")
            }
            _ = try XMLDocument(data: Data(map.body.readableBytesView))
            #expect(try await m.send(.GET, "/process/blueprint/04c.99.svg", as: m.fx.engineerToken).status == .notFound)
            #expect(try await m.send(.GET, "/process/blueprint/overview.svg", as: m.fx.clientAToken).status == .notFound)

            var definition = try JSONDecoder().decode(
                ProcessDefinition.self,
                from: Data(try await m.send(.GET, "/api/v1/process", as: m.fx.adminToken).body.readableBytesView))
            #expect(svg.contains(#"<text class="role""#) && svg.contains("NOC / Tier 2 engineer"), "each task names its role")
            definition.subprocesses[1].tasks[0].name = "Roll back the failed update"
            definition.organisation = "Northwind IT"
            definition.roles[0].name = "Field technician"
            let put = try await m.send(
                .PUT, "/api/v1/process", as: m.fx.adminToken, json: String(decoding: definition.json(), as: UTF8.self),
                headers: ["If-Match": "*"])
            #expect(put.status == .ok)
            let redrawn = try await m.send(.GET, "/process/blueprint/04c.02.svg", as: m.fx.engineerToken).body.string
            #expect(
                redrawn.contains("Roll back the failed") && redrawn.contains("Northwind IT") && !redrawn.contains("Apply the fix")
            )
            #expect(redrawn.contains("Field technician") && !redrawn.contains("NOC / Tier 2 engineer"), "the renamed role")
            let page = try await m.send(.GET, "/process/blueprint", as: m.fx.engineerToken)
            #expect(page.status == .ok && page.body.string.contains("/process/blueprint/04c.08.svg"))
        }
    }
}

/// The Detail and Task Reports: generated from the definition in force, with the figures of the period.
@Suite struct ProcessReportServerTests {
    @Test func theTaskReportCountsTheEventsOfThePeriodAndFollowsARename() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            try await m.post("/api/v1/tickets/\(n)/time-entries", #"{"minutes":10,"workType":"diagnosis"}"#)
            m.clock.advance(seconds: 600)
            try await m.post("/api/v1/tickets/\(n)/diagnosis", #"{"step":"Pinged the gateway","finding":"No answer"}"#)
            m.clock.advance(seconds: 300)
            try await m.post("/api/v1/tickets/\(n)/diagnosis", #"{"step":"Rebooted the router","finding":"Up again"}"#)
            let day = String(UTCText.format(m.clock.now()).prefix(10))
            let csv = try await m.send(.GET, "/process/reports/tasks.csv?from=\(day)&to=\(day)", as: m.fx.managerToken)
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let rows = csv.body.string.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let diagnosis = try #require(rows.first { $0.count > 2 && $0[1] == "04c.01.4" })
            // The last two fields, runs and median seconds, hold no comma (a task's name may).
            #expect(Array(diagnosis.suffix(2)) == ["2", "300"], "two steps, waits of 600 s and 300 s: nearest-rank median")
            let created = try #require(rows.first { $0.count > 2 && $0[1] == "04c.01.1" })
            #expect(Array(created.suffix(2)) == ["1", ""], "a ticket's first event has nothing before it")

            let page = try await m.send(.GET, "/process/reports/tasks?from=\(day)&to=\(day)", as: m.fx.managerToken)
            #expect(page.status == .ok && page.body.string.contains("Diagnose and try fixes, logging each step"))
            let detail = try await m.send(.GET, "/process/reports/detail?from=\(day)&to=\(day)", as: m.fx.managerToken)
            #expect(detail.status == .ok && detail.body.string.contains("Service Ticket Response Time"))
            #expect(try await m.send(.GET, "/process/reports/tasks", as: m.fx.clientAToken).status == .notFound)
            #expect(
                try await m.send(.GET, "/process/reports/tasks?from=2026-02-30", as: m.fx.managerToken).status
                    == .unprocessableEntity)
        }
    }
}
