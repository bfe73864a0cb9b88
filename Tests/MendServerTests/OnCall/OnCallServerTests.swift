import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Rotations through the API: who is on call across a daylight-saving weekend, overrides, bad input.
@Suite struct OnCallServerTests {
    func create(_ m: TestMend, _ json: String, token: String? = nil) async throws -> TestingHTTPResponse {
        try await m.send(.POST, "/api/v1/rotations", as: token ?? m.fx.managerToken, json: json)
    }

    func who(_ m: TestMend, _ at: String) async throws -> String {
        try await m.send(.GET, "/api/v1/oncall?at=\(at)", as: m.fx.engineerToken).body.string
    }

    @Test func whoIsOnCallAcrossTheSpringWeekendAndUnderAnOverride() async throws {
        try await withMend { m in
            // Daily at 09:00 New York from 2027-03-12: engineer, then manager, alternating.
            let r = try await create(
                m,
                #"{"name":"NOC days","timezone":"America/New_York","cadence":"daily","handoff":"09:00","startDate":"2027-03-12","members":["\#(m.fx.engineer)","\#(m.fx.manager)"]}"#
            )
            #expect(r.status == .created, "\(r.body.string)")
            #expect(try await who(m, "2027-03-12T14:00:00Z").contains("Eli Engineer"))  // Friday 09:00 EST
            #expect(try await who(m, "2027-03-13T14:00:00Z").contains("Mia Manager"))  // Saturday
            // Sunday 2027-03-14 is the spring change: 09:00 EDT is 13:00Z, an hour earlier in UTC.
            #expect(try await who(m, "2027-03-14T12:59:00Z").contains("Mia Manager"))
            #expect(try await who(m, "2027-03-14T13:00:00Z").contains("Eli Engineer"))
            #expect(try await who(m, "2027-03-11T12:00:00Z").contains(#""isOverride":false"#))
            let id = try #require(
                (try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])?["id"] as? String)
            let cover = try await m.send(
                .POST, "/api/v1/rotations/\(id)/overrides", as: m.fx.managerToken,
                json: #"{"userID":"\#(m.fx.admin)","startsAt":"2027-03-14T16:00:00Z","endsAt":"2027-03-14T20:00:00Z"}"#)
            #expect(cover.status == .created, "\(cover.body.string)")
            let covered = try await who(m, "2027-03-14T17:00:00Z")
            #expect(covered.contains("Ada Admin") && covered.contains(#""isOverride":true"#))
            #expect(try await who(m, "2027-03-14T20:00:00Z").contains("Eli Engineer"))
        }
    }

    @Test func badRotationsAreRefusedNamingTheFieldAndChangeNothing() async throws {
        try await withMend { m in
            let empty = try await create(
                m, #"{"name":"Empty","timezone":"Mars/Base","cadence":"weekly","handoff":"9am","startDate":"soon","members":[]}"#)
            #expect(empty.status == .unprocessableEntity)
            for field in ["startDate", "weekday"] { #expect(empty.body.string.contains(field), "\(field)") }
            let coreRules = try await create(
                m,
                #"{"name":"Empty","timezone":"Mars/Base","cadence":"daily","handoff":"9am","startDate":"2027-01-01","members":[]}"#
            )
            #expect(coreRules.status == .unprocessableEntity)
            for field in ["timezone", "members", "handoff"] { #expect(coreRules.body.string.contains(field), "\(field)") }
            let clientMember = try await create(
                m,
                #"{"name":"X","timezone":"UTC","cadence":"daily","handoff":"09:00","startDate":"2027-01-01","members":["\#(UUID())"]}"#
            )
            #expect(clientMember.status == .unprocessableEntity && clientMember.body.string.contains("members[0]"))
            let engineer = try await create(
                m,
                #"{"name":"X","timezone":"UTC","cadence":"daily","handoff":"09:00","startDate":"2027-01-01","members":["\#(m.fx.engineer)"]}"#,
                token: m.fx.engineerToken)
            #expect(engineer.status == .forbidden && engineer.body.string.contains("queues.manage"))
            #expect(try await m.send(.GET, "/api/v1/oncall?at=yesterday", as: m.fx.engineerToken).status == .unprocessableEntity)
            #expect(try await m.send(.GET, "/api/v1/rotations", as: m.fx.clientAToken).status == .notFound)
            #expect(try await RotationModel.query(on: m.app.db).count() == 0)
        }
    }
}
