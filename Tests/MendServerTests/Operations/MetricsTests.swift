import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// `GET /metrics`: Prometheus text with open tickets, SLA firings, the outbox, tick and request durations.
@Suite struct MetricsTests {
    /// The value of the series `name{labels}`, nil when it is not in the text.
    func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    func scrape(_ m: TestMend, token: String? = nil) async throws -> String {
        let response = try await m.send(.GET, "/metrics", as: token)
        #expect(response.status == .ok)
        #expect(response.headers.contentType?.subType == "plain")
        return response.body.string
    }

    @Test func openTicketsSlaFiringsAndRequestsAreCounted() async throws {
        try await withMend { m in
            let before = try await scrape(m)
            let open = value(before, #"mend_tickets_open{priority="p3",status="new"}"#) ?? -1
            let breaches = #"mend_sla_breaches_total{clock="response",priority="p3"}"#
            #expect(value(before, breaches) == 0)
            let number = try await m.openTicket()
            let after = try await scrape(m)
            #expect(value(after, #"mend_tickets_open{priority="p3",status="new"}"#) == open + 1)
            #expect(value(after, #"mend_outbox_messages{channel="email",state="failed"}"#) == 0)
            // Three days on, the new ticket's response clock has breached: the tick fires and counts it.
            m.clock.advance(seconds: 3 * 86_400)
            try await SlaScheduler(db: m.app.db, services: m.app.mend).tick(now: m.clock.now())
            let fired = try await scrape(m)
            #expect((value(fired, breaches) ?? 0) >= 1)
            #expect((value(fired, #"mend_sla_warnings_total{clock="response",priority="p3"}"#) ?? 0) >= 1)
            #expect((value(fired, "mend_sla_scheduler_tick_duration_seconds_count") ?? 0) >= 1)
            // Requests are timed by route pattern: a ticket's number never becomes a label.
            let route = #"mend_http_request_duration_seconds_count{method="POST",route="/api/v1/tickets",status="2xx"}"#
            #expect(value(fired, route) == 1)
            #expect(!fired.contains(number))
            #expect(fired.contains("# TYPE mend_http_request_duration_seconds histogram"))
        }
    }

    @Test func aConfiguredTokenIsRequired() async throws {
        var config = MendConfig()
        config.metricsToken = "scrape-token-0123456789"
        try await withMend(config: config) { m in
            let none = try await m.send(.GET, "/metrics")
            #expect(none.status == .unauthorized && none.headers.contentType == .problemJSON)
            // An API token is not the metrics token.
            #expect(try await m.send(.GET, "/metrics", as: m.fx.managerToken).status == .unauthorized)
            #expect(try await m.send(.GET, "/metrics", as: "scrape-token-012345678").status == .unauthorized)
            #expect(try await scrape(m, token: "scrape-token-0123456789").contains("mend_tickets_open"))
        }
        let problems = (try? MendConfig.from(environment: ["MEND_METRICS_TOKEN": "short"])) == nil
        #expect(problems, "a token under 16 characters is refused at start")
    }
}
