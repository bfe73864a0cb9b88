import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Monitoring alerts through the API: Alertmanager's webhook and the generic form, deduplication, resolution.
@Suite struct AlertIntakeServerTests {
    static func webhook(
        status: String = "firing", fingerprint: String = "3f1a9c", severity: String = "critical", company: String = "ACME"
    )
        -> String
    {
        #"{"receiver":"mend","status":"\#(status)","alerts":[{"status":"\#(status)","labels":{"alertname":"HostDown","severity":"\#(severity)","company":"\#(company)","site":"Acme Corp HQ","instance":"fw1"},"annotations":{"summary":"Firewall fw1 down","description":"No ping for 5 minutes"},"startsAt":"2026-11-18T08:20:00.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"\#(fingerprint)"}],"groupLabels":{"alertname":"HostDown"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"HostDown\"}","truncatedAlerts":0}"#
    }

    func post(_ m: TestMend, _ body: String, path: String = "/api/v1/alerts/alertmanager", token: String? = nil) async throws
        -> TestingHTTPResponse
    {
        try await m.send(.POST, path, as: token ?? m.fx.engineerToken, json: body)
    }

    func ticketCount(_ m: TestMend) async throws -> Int { try await TicketModel.query(on: m.app.db).count() }

    @Test func aFiringAlertOpensATicketAndRepeatsJoinIt() async throws {
        try await withMend { m in
            let first = try await post(m, Self.webhook())
            #expect(first.status == .ok, "\(first.body.string)")
            #expect(first.body.string.contains(#""action":"opened""#))
            let number = try #require(
                (try JSONSerialization.jsonObject(with: Data(first.body.readableBytesView)) as? [String: Any]).flatMap {
                    (($0["items"] as? [[String: Any]])?.first?["ticket"]) as? String
                })
            let ticket = try await m.ticket(number)
            #expect(ticket.source == "monitoring_alert" && ticket.priority == "p1" && ticket.summary == "Firewall fw1 down")
            #expect(ticket.sla != nil, "clocks start with the alert")
            let before = try await ticketCount(m)
            let again = try await post(m, Self.webhook())
            #expect(again.body.string.contains(#""action":"repeated""#) && again.body.string.contains(number))
            #expect(try await ticketCount(m) == before)
            let shown = try await m.send(.GET, "/api/v1/tickets/\(number)", as: m.fx.engineerToken).body.string
            #expect(shown.contains(#""count":2"#) && shown.contains(#""fingerprint":"3f1a9c""#))
            #expect(shown.contains("Acme Corp HQ"), "the site label is matched")
        }
    }

    @Test func concurrentRepeatsAreEachCountedWithTheirOwnVersionAndEvent() async throws {
        try await withMend { m in
            let first = try await post(m, Self.webhook(fingerprint: "burst"))
            #expect(first.body.string.contains(#""action":"opened""#))
            // 20 copies at once share group-commit batches; each still counts once and gets its own event.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let r = try await post(m, Self.webhook(fingerprint: "burst"))
                        #expect(r.body.string.contains(#""action":"repeated""#))
                    }
                }
                try await group.waitForAll()
            }
            let ticket = try #require(try await TicketModel.query(on: m.app.db).filter(\.$alertFingerprint == "burst").first())
            #expect(ticket.alertCount == 21)
            #expect(ticket.version == 21)
            let events = try await EventModel.query(on: m.app.db).filter(\.$ticketID == ticket.id!)
                .filter(\.$kind == "alert_repeated").all()
            #expect(events.count == 20)
            #expect(Set(events.map(\.seq)).count == 20)
            #expect(Set(events.map(\.summary)).count == 20, "counts 2 to 21, each once")
        }
    }

    @Test func aResolvedAlertNotesTheTicketAndRestoresItOnlyWhenTheTableSaysSo() async throws {
        try await withMend { m in
            let opened = try await post(m, Self.webhook(fingerprint: "aa"))
            #expect(opened.status == .ok)
            let resolved = try await post(m, Self.webhook(status: "resolved", fingerprint: "aa"))
            #expect(resolved.body.string.contains(#""action":"resolved""#))
            #expect(resolved.body.string.contains(#""status":"new""#), "a note only: the status stays")
            // Now with "restore": a ticket in progress becomes Restored (tested by monitoring), never Closed.
            let table =
                #"{"severities":{"critical":{"impact":"high","urgency":"high"}},"fallback":{"impact":"medium","urgency":"medium"},"resolved_action":"restore"}"#
            #expect(
                try await m.send(.PUT, "/api/v1/alerts/severity-table", as: m.fx.engineerToken, json: table).status == .forbidden)
            #expect(try await m.send(.PUT, "/api/v1/alerts/severity-table", as: m.fx.managerToken, json: table).status == .ok)
            let second = try await post(m, Self.webhook(fingerprint: "bb"))
            let number = try #require(second.body.string.split(separator: "\"").first { $0.hasPrefix("T-") }.map(String.init))
            try await m.send(
                .POST, "/api/v1/tickets/\(number)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            let cleared = try await post(m, Self.webhook(status: "resolved", fingerprint: "bb"))
            #expect(cleared.body.string.contains(#""action":"restored""#), "\(cleared.body.string)")
            let ticket = try await m.ticket(number)
            #expect(ticket.status == "restored" && ticket.restoredTested)
            let notes = try await m.send(.GET, "/api/v1/tickets/\(number)/notes", as: m.fx.engineerToken).body.string
            #expect(notes.contains("reports") && notes.contains("backstage"))
            // A resolved alert with no open ticket changes nothing.
            let before = try await ticketCount(m)
            let stray = try await post(m, Self.webhook(status: "resolved", fingerprint: "never-fired"))
            #expect(stray.body.string.contains(#""action":"ignored""#))
            #expect(try await ticketCount(m) == before)
        }
    }

    @Test func theGenericFormAndItsSeverityMapping() async throws {
        try await withMend { m in
            let body =
                #"{"source":"zabbix","fingerprint":"host7/disk","status":"firing","severity":"info","company":"BETA","summary":"Disk 80% full"}"#
            let r = try await post(m, body, path: "/api/v1/alerts")
            #expect(r.status == .ok, "\(r.body.string)")
            let number = try #require(r.body.string.split(separator: "\"").first { $0.hasPrefix("T-") }.map(String.init))
            let ticket = try await m.ticket(number)
            #expect(ticket.priority == "p4" && ticket.companyID == m.fx.companyB)
        }
    }

    @Test func badAlertsAreRefusedNamingTheFieldAndChangeNothing() async throws {
        try await withMend { m in
            let before = try await ticketCount(m)
            let unknown = try await post(m, Self.webhook(company: "NOPE"))
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("alerts[0].labels.company"))
            let missing = try await post(
                m, #"{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X"},"fingerprint":"z"}]}"#)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("alerts[0].labels.company"))
            let noAlerts = try await post(m, #"{"version":"4"}"#)
            #expect(noAlerts.status == .unprocessableEntity && noAlerts.body.string.contains("alerts"))
            let generic = try await post(
                m, #"{"source":"x","status":"boiling","company":"ACME","summary":"s","extra":1}"#, path: "/api/v1/alerts")
            #expect(generic.status == .unprocessableEntity)
            for field in ["fingerprint", "status", "extra"] { #expect(generic.body.string.contains(field)) }
            let notJSON = try await m.send(.POST, "/api/v1/alerts", as: m.fx.engineerToken, json: "{nope")
            #expect(notJSON.status == .badRequest)
            let badTable = try await m.send(
                .PUT, "/api/v1/alerts/severity-table", as: m.fx.managerToken,
                json:
                    #"{"severities":{"critical":{"impact":"enormous","urgency":"high"}},"fallback":{"impact":"low","urgency":"low"}}"#
            )
            #expect(badTable.status == .unprocessableEntity && badTable.body.string.contains("severities.critical.impact"))
            let table = try await m.send(.GET, "/api/v1/alerts/severity-table", as: m.fx.managerToken).body.string
            #expect(table.contains(#""resolved_action":"note""#), "the table is unchanged")
            // Client contacts cannot feed alerts: to them the endpoint does not exist.
            #expect(try await post(m, Self.webhook(), token: m.fx.clientAToken).status == .notFound)
            #expect(try await ticketCount(m) == before)
        }
    }
}
