import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The CSR handoff on P1/P2 tickets: missing until recorded, reminded once after the delay, reported.
@Suite struct HandoffTests {
    @Test func aMissingHandoffIsShownRemindedOnceAndRecorded() async throws {
        try await withMend { m in
            let (_, csrToken) = try await m.addStaff("Rita Rep", role: "csr")
            m.clock.set(SlaClockTests.monday9)
            let n = try await m.openTicket(summary: "Email down for everyone", extra: TestMend.p1)
            let p3 = try await m.openTicket(summary: "Printer jam")
            let search = try await m.send(.GET, "/api/v1/tickets?open=true", as: m.fx.engineerToken)
            let missing = try m.items(search).filter { $0["handoffMissing"] as? Bool == true }.compactMap {
                $0["number"] as? String
            }
            #expect(missing == [n])
            #expect(
                try m.object(try await m.send(.GET, "/api/v1/tickets/\(p3)/handoff", as: csrToken))["required"] as? Bool == false)

            m.clock.advance(seconds: 14 * 60)
            try await m.watchTick()
            #expect(try await m.events(n, kind: "handoff_reminded").isEmpty)
            m.clock.advance(seconds: 60)
            try await m.watchTick()
            try await m.watchTick()
            let reminders = try await m.events(n, kind: "handoff_reminded")
            #expect(reminders.count == 1)
            #expect(reminders.first?.summary.contains("Rita Rep") == true)
            #expect(try await m.notificationTitles(csrToken).contains("CSR handoff missing: \(n) P1: Email down for everyone"))

            m.clock.advance(seconds: 60)
            let version = try await m.ticket(n).version
            let past = try await m.send(
                .PUT, "/api/v1/tickets/\(n)/handoff", as: csrToken,
                json: #"{"expectation":"Back by noon","eta":"2020-01-01T00:00:00Z"}"#)
            #expect(past.status == .unprocessableEntity && past.body.string.contains("eta"))
            let blank = try await m.send(.PUT, "/api/v1/tickets/\(n)/handoff", as: csrToken, json: #"{"expectation":" "}"#)
            #expect(blank.status == .unprocessableEntity)
            for field in ["expectation", "eta"] { #expect(blank.body.string.contains(field)) }
            #expect(try await m.ticket(n).version == version, "refusals change nothing")

            let done = try await m.send(
                .PUT, "/api/v1/tickets/\(n)/handoff", as: csrToken,
                json:
                    #"{"expectation":"We expect mail back within two hours; next update in 30 minutes.","eta":"2026-11-30T16:00:00Z"}"#
            )
            #expect(done.status == .ok, "\(done.body.string)")
            let record = try m.object(done)
            #expect(record["missing"] as? Bool == false && record["csrName"] as? String == "Rita Rep")
            let ticket = try m.object(try await m.send(.GET, "/api/v1/tickets/\(n)", as: m.fx.engineerToken))
            #expect(ticket["handoffMissing"] as? Bool == false)

            let report = try m.object(
                try await m.send(
                    .GET, "/api/v1/reports/handoffs?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z", as: m.fx.managerToken))
            #expect(report["tickets"] as? Int == 1)
            #expect(report["handedOff"] as? Int == 1)
            #expect(report["withinReminder"] as? Int == 0)
            #expect(report["medianMinutes"] as? Int == 16)
            let bad = try await m.send(.GET, "/api/v1/reports/handoffs?from=yesterday", as: m.fx.managerToken)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("from"))
        }
    }
}
