import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The KPI facts stored with each write, their rebuild, `GET /api/v1/kpis` and its CSV (docs/kpis.md).
@Suite struct KpiServerTests {
    static let november = "from=2026-11-01&to=2026-11-30"

    /// Opens a ticket at 11:06:40 UTC (06:06:40 in New York, before company A's 8x5 office hours open at 08:00),
    /// assigns it to the engineer, starts work at 17:40 UTC (12:40 New York), restores it an hour later and resolves
    /// it at 19:10 UTC (14:10 New York) with 45 minutes of diagnosis logged.
    func resolvedTicket(_ m: TestMend) async throws -> String {
        let n = try await m.openTicket()
        try await m.send(
            .PATCH, "/api/v1/tickets/\(n)", as: m.fx.engineerToken, json: #"{"assigneeID":"\#(m.fx.engineer)"}"#)
        m.clock.advance(seconds: 23_600)
        let started = try await m.send(
            .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
        #expect(started.status == .ok, "\(started.body.string)")
        m.clock.advance(seconds: 3_600)
        try await m.send(
            .POST, "/api/v1/tickets/\(n)/restoration", as: m.fx.engineerToken,
            json: #"{"test":"VPN up","result":"passed"}"#)
        try await m.send(
            .POST, "/api/v1/tickets/\(n)/verifications", as: m.fx.engineerToken,
            json: #"{"channel":"phone","outcome":"confirmed"}"#)
        let logged = try await m.send(
            .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
            json: #"{"minutes":45,"workType":"diagnosis"}"#)
        #expect(logged.status == .created, "\(logged.body.string)")
        m.clock.advance(seconds: 1_800)
        let resolved = try await m.send(
            .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken,
            json: #"{"to":"resolved","resolutionNote":"Re-keyed the tunnel."}"#)
        #expect(resolved.status == .ok, "\(resolved.body.string)")
        return n
    }

    func kpis(_ m: TestMend, _ query: String = november, as token: String? = nil) async throws -> [String: Any] {
        let response = try await m.send(.GET, "/api/v1/kpis?\(query)", as: token ?? m.fx.managerToken)
        #expect(response.status == .ok, "\(response.body.string)")
        return try #require(try m.object(response)["kpis"] as? [String: Any])
    }

    func stored(_ m: TestMend) async throws -> [UUID: TicketKpiFacts] {
        struct Row: Decodable {
            var ticket_id: UUID
            var facts: String
        }
        let rows = try await m.app.db.sql.raw("SELECT ticket_id, facts FROM ticket_kpi_facts").all(decoding: Row.self)
        return try Dictionary(
            uniqueKeysWithValues: rows.map {
                ($0.ticket_id, try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data($0.facts.utf8)))
            })
    }

    @Test func aResolvedTicketsMeasuresAreInTheReport() async throws {
        try await withMend { m in
            _ = try await resolvedTicket(m)
            let kpis = try await kpis(m)
            let response = try #require(kpis["responseTime"] as? [String: Any])
            let business = try #require(response["business"] as? [String: Any])
            // 08:00 to 12:40 in New York: the hours before the office opened do not count; the wall clock does.
            #expect(business["n"] as? Int == 1 && business["p50Seconds"] as? Int == 16_800)
            #expect((response["wall"] as? [String: Any])?["p90Seconds"] as? Int == 23_600)
            let resolution = try #require(kpis["resolutionTime"] as? [String: Any])
            #expect((resolution["business"] as? [String: Any])?["meanSeconds"] as? Double == 22_200)
            #expect(resolution["resolvedAgain"] as? Int == 0)
            let previous = try #require(resolution["previous"] as? [String: Any])
            #expect((previous["business"] as? [String: Any])?["n"] as? Int == 0)
            let fcr = try #require(kpis["firstContactResolution"] as? [String: Any])
            #expect(fcr["value"] as? Double == 1 && fcr["denominator"] as? Int == 1)
            let reopen = try #require(kpis["reopenRate"] as? [String: Any])
            #expect(reopen["numerator"] as? Int == 0 && reopen["denominator"] as? Int == 1)
            let logged = try #require((kpis["timeLoggedByType"] as? [String: Any])?["types"] as? [[String: Any]])
            #expect(logged.first?["meanMinutes"] as? Double == 45)
            #expect((logged.first?["meanMinutesByWorkType"] as? [String: Any])?["diagnosis"] as? Double == 45)
            let satisfaction = try #require(kpis["satisfaction"] as? [String: Any])
            #expect((satisfaction["responseRate"] as? [String: Any])?["denominator"] as? Int == 1)
            let compliance = try #require((kpis["slaCompliance"] as? [String: Any])?["resolution"] as? [String: Any])
            #expect(compliance["met"] as? Int == 1 && compliance["value"] as? Double == 1)

            // A month without the ticket has nothing, and it is the previous period of December.
            let december = try await self.kpis(m, "from=2026-12-01&to=2026-12-31")
            let fcrDecember = try #require(december["firstContactResolution"] as? [String: Any])
            #expect(fcrDecember["denominator"] as? Int == 0 && fcrDecember["value"] is NSNull)
            #expect((fcrDecember["previous"] as? [String: Any])?["denominator"] as? Int == 1)
        }
    }

    @Test func storedFactsEqualRebuiltOnesAndFollowEveryWrite() async throws {
        try await withMend { m in
            let n = try await resolvedTicket(m)
            let unended = try await m.openTicket(summary: "Printer offline")
            let written = try await stored(m)
            // A ticket with nothing ended has no row: no period counts it, and its creation wrote none.
            #expect(written.count == 1, "no facts row for \(unended)")
            let ticket = try #require(try await TicketModel.query(on: m.app.db).filter(\.$number == 1).first())
            #expect(written[ticket.id!]?.resolution != nil && written[ticket.id!]?.loggedMinutes == [.diagnosis: 45])
            // A reopen is one more write: the facts follow it.
            let reopened = try await m.send(
                .POST, "/api/v1/tickets/\(n)/reopen", as: m.fx.engineerToken, json: #"{"reason":"Dropped again"}"#)
            #expect(reopened.status == .ok, "\(reopened.body.string)")
            #expect(try await stored(m)[ticket.id!]?.reopened == true)
            let before = try await stored(m)
            let count = try await KpiFactsStore(db: m.app.db, sla: m.app.mend.sla).rebuild(
                gate: m.app.mend.gate, today: LocalDate(m.clock.now()), now: m.clock.now())
            #expect(count == 2)
            #expect(try await stored(m) == before)
        }
    }

    @Test func aWriteThatChangesNoFactLeavesTheRowAsItWas() async throws {
        try await withMend { m in
            let n = try await resolvedTicket(m)
            func computedAt() async throws -> Date? {
                struct Row: Decodable { var computed_at: Date }
                return try await m.app.db.sql.raw("SELECT computed_at FROM ticket_kpi_facts").first(decoding: Row.self)?
                    .computed_at
            }
            let first = try #require(try await computedAt())
            let facts = try await stored(m)
            m.clock.advance(seconds: 600)
            let note = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"For the record","visibility":"backstage"}"#)
            #expect(note.status == .created, "\(note.body.string)")
            #expect(try await stored(m) == facts)
            #expect(try await computedAt() == first, "the same facts are not written again")
            m.clock.advance(seconds: 600)
            let reopened = try await m.send(
                .POST, "/api/v1/tickets/\(n)/reopen", as: m.fx.engineerToken, json: #"{"reason":"Dropped again"}"#)
            #expect(reopened.status == .ok, "\(reopened.body.string)")
            #expect(try await computedAt() != first, "changed facts are written")
        }
    }

    @Test func aDatabaseWithoutFactsIsFilledOnceAtStart() async throws {
        try await withMend { m in
            _ = try await resolvedTicket(m)
            let store = KpiFactsStore(db: m.app.db, sla: m.app.mend.sla)
            let written = try await stored(m)
            // As a database from before the facts table: tickets, no facts, no marker.
            try await m.app.db.sql.raw("DELETE FROM ticket_kpi_facts").run()
            try await m.app.db.sql.raw("DELETE FROM counters WHERE name = 'kpi_facts'").run()
            try await store.fillOnce(gate: m.app.mend.gate, now: m.clock.now())
            #expect(try await stored(m) == written)
            // Once filled, a start does not replay the tickets again.
            try await m.app.db.sql.raw("DELETE FROM ticket_kpi_facts").run()
            try await store.fillOnce(gate: m.app.mend.gate, now: m.clock.now())
            #expect(try await stored(m).isEmpty)
        }
    }

    @Test func theDemosStoredFactsEqualRebuiltOnes() async throws {
        try await withMend { m in
            var seeder = DemoSeeder(db: m.app.db, services: m.app.mend)
            seeder.ticketCount = 80
            seeder.historyCount = 120
            _ = try await seeder.run(force: true)
            // Each demo ticket's facts, then the same tickets written once more through the one writer.
            let demo = try await stored(m)
            // Every demo ticket with something ended has its row; the recent ones still New have none.
            #expect(demo.count > 150 && demo.count < 200)
            #expect(demo.values.contains(where: \.reopened) && demo.values.contains { $0.rating != nil })
            #expect(demo.values.contains { $0.resolution != nil } && demo.values.contains { $0.exitedAt != nil })
            try await m.app.db.sql.raw("DELETE FROM ticket_kpi_facts").run()
            _ = try await KpiRebuild.run(app: m.app)
            #expect(try await stored(m) == demo)
        }
    }

    @Test func theCsvHasOneRowPerTicketAndTheFiguresFollowFromIt() async throws {
        try await withMend { m in
            let n = try await resolvedTicket(m)
            _ = try await m.openTicket(summary: "Nothing ended yet")
            let response = try await m.send(.GET, "/api/v1/kpis/tickets.csv?\(Self.november)", as: m.fx.managerToken)
            #expect(response.status == .ok && response.headers.contentType?.subType == "csv")
            let lines = response.body.string.split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(lines.count == 2)
            let header = lines[0]
            #expect(header == KpiExport.header)
            func value(_ column: String) -> String? { header.firstIndex(of: column).map { lines[1][$0] } }
            #expect(value("number") == n && value("company") == "Acme Corp" && value("resolved_by") == "Eli Engineer")
            #expect(value("response_business_seconds") == "16800" && value("resolution_business_seconds") == "22200")
            #expect(value("fcr") == "1" && value("logged_minutes_diagnosis") == "45" && value("resolution_sla") == "met")
            // Where the time went: waiting assigned until work started, then in progress, then restored.
            #expect(value("seconds_in_assigned") == "16800" && value("seconds_in_in_progress") == "3600")
            #expect(value("response_sla") == "breached" && value("response_breach_status") == "assigned")
            let other = try await m.send(.GET, "/api/v1/kpis/tickets.csv?from=2026-12-01", as: m.fx.managerToken)
            #expect(other.body.string.split(separator: "\r\n").count == 1)
        }
    }

    @Test func cutsAndWhoSeesWhat() async throws {
        try await withMend { m in
            _ = try await resolvedTicket(m)
            func fcrDenominator(_ query: String, as token: String? = nil) async throws -> Int? {
                (try await kpis(m, query, as: token)["firstContactResolution"] as? [String: Any])?["denominator"] as? Int
            }
            #expect(try await fcrDenominator(Self.november + "&company=\(m.fx.companyA)") == 1)
            #expect(try await fcrDenominator(Self.november + "&company=\(m.fx.companyB)") == 0)
            #expect(try await fcrDenominator(Self.november + "&engineer=\(m.fx.engineer)") == 1)
            #expect(try await fcrDenominator(Self.november + "&source=monitoring_alert") == 0)
            // An engineer reads their own scorecard, by default and by name, and no one else's.
            #expect(try await fcrDenominator(Self.november, as: m.fx.engineerToken) == 1)
            let mine = try await m.send(.GET, "/api/v1/kpis?\(Self.november)", as: m.fx.engineerToken)
            #expect((try m.object(mine)["filters"] as? [String: Any])?["engineer"] as? String == m.fx.engineer.uuidString)
            let theirs = try await m.send(.GET, "/api/v1/kpis?engineer=\(m.fx.manager)", as: m.fx.engineerToken)
            #expect(theirs.status == .forbidden)
            #expect(try await m.send(.GET, "/api/v1/kpis", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/api/v1/kpis/tickets.csv", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/api/v1/kpis").status == .unauthorized)
            for (query, field) in [
                ("from=2026-11-30&to=2026-11-01", "to"), ("from=2020-01-01&to=2026-11-01", "to"), ("colour=red", "colour"),
                ("company=\(UUID())", "company"), ("queue=\(UUID())", "queue"), ("priority=p7", "priority"),
                ("from=2026-02-30", "from"),
            ] {
                let bad = try await m.send(.GET, "/api/v1/kpis?\(query)", as: m.fx.managerToken)
                let named = try m.object(bad)["field"] as? String
                #expect(bad.status == .unprocessableEntity && named == field, "\(query)")
            }
        }
    }
}
