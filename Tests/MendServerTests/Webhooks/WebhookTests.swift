import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Outbound webhooks: subscriptions, fan-out in the change's transaction, signed delivery to a real HTTP
/// receiver through the outbox with retries, and the delivery log.
@Suite struct WebhookServerTests {
    func sender(_ m: TestMend) -> OutboxSender {
        OutboxSender(db: m.app.db, services: m.app.mend, smtp: nil, group: m.app.eventLoopGroup)
    }

    /// Subscribes the receiver to `events` as the admin; returns the id and the secret.
    func subscribe(_ m: TestMend, _ receiver: WebhookReceiver, events: String) async throws -> (String, String) {
        let created = try await m.post(
            "/api/v1/webhooks", #"{"url":"\#(receiver.url)","events":\#(events),"description":"PSA sync"}"#,
            as: m.fx.adminToken)
        return (try #require(created["id"] as? String), try #require(created["secret"] as? String))
    }

    @Test func aStatusChangeIsPostedSignedWithTheTicketAndLogged() async throws {
        try await withMend { m in
            try await withReceiver { receiver in
                let (id, secret) = try await subscribe(m, receiver, events: #"["status_changed"]"#)
                #expect(secret.hasPrefix("whsec_") && secret.count > 30)
                let n = try await m.openTicket()
                // Only the kinds subscribed to are queued: the creation is not.
                #expect(try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").count() == 0)
                try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
                let queued = try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").all()
                #expect(queued.count == 1 && queued[0].state == "pending" && queued[0].subject == "status_changed \(n)")

                #expect(try await sender(m).tick(now: m.clock.now()) == 1)
                let got = try #require(receiver.received.first)
                #expect(receiver.received.count == 1)
                #expect(got.headers.first(name: "Mend-Event") == "status_changed")
                #expect(got.headers.first(name: "Mend-Delivery") == queued[0].id!.uuidString)
                #expect(got.json["id"] as? String == queued[0].id!.uuidString)
                #expect(got.headers.contentType == .json)
                #expect(WebhookReceiver.verify(got, secret: secret, now: m.clock.now()))
                #expect(!WebhookReceiver.verify(got, secret: secret + "x", now: m.clock.now()))
                let json = got.json
                #expect(json["event"] as? String == "status_changed")
                #expect(json["visibility"] as? String == "onstage")
                #expect((json["after"] as? [String: Any])?["status"] as? String == "in_progress")
                let ticket = try #require(json["ticket"] as? [String: Any])
                #expect(ticket["number"] as? String == n && ticket["status"] as? String == "in_progress")
                #expect(ticket["url"] as? String == "http://127.0.0.1:8080/tickets/\(n)")

                let sent = try #require(try await OutboxModel.find(queued[0].id, on: m.app.db))
                #expect(sent.state == "sent" && sent.attempts == 1)
                let log = try m.items(try await m.send(.GET, "/api/v1/webhooks/\(id)/deliveries", as: m.fx.adminToken))
                #expect(log.count == 1)
                #expect(log.first?["statusCode"] as? Int == 200 && log.first?["response"] as? String == "thanks")
                #expect(log.first?["state"] as? String == "sent")
                // The secret is shown when made, never in a read.
                let read = try m.object(try await m.send(.GET, "/api/v1/webhooks/\(id)", as: m.fx.adminToken))
                #expect(read["secret"] == nil && (read["lastAttempt"] as? [String: Any])?["statusCode"] as? Int == 200)
            }
        }
    }

    @Test func aReceiverThatFailsIsRetriedWithBackoffThenGivenUpWithoutTicketNoise() async throws {
        var config = MendConfig()
        config.outboxRetry = OutboxRetry(baseSeconds: 30, maxSeconds: 3_600, maxAttempts: 3)
        try await withMend(config: config) { m in
            try await withReceiver { receiver in
                let (id, _) = try await subscribe(m, receiver, events: #"["note_added"]"#)
                let n = try await m.openTicket()
                let eventsBefore = try await m.eventCount(n)
                try await m.post("/api/v1/tickets/\(n)/notes", #"{"body":"Checked the tunnel","visibility":"backstage"}"#)
                receiver.answer(.internalServerError, .serviceUnavailable, .badGateway)
                #expect(try await sender(m).tick(now: m.clock.now()) == 0)
                let row = try #require(try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").first())
                #expect(row.state == "pending" && row.attempts == 1)
                #expect(row.nextAttemptAt == m.clock.now().addingTimeInterval(30))
                #expect(row.lastError?.contains("HTTP 500") == true)
                // Not due yet: nothing is sent.
                #expect(try await sender(m).tick(now: m.clock.now()) == 0 && receiver.received.count == 1)
                m.clock.advance(seconds: 30)
                _ = try await sender(m).tick(now: m.clock.now())
                m.clock.advance(seconds: 60)
                _ = try await sender(m).tick(now: m.clock.now())
                let failed = try #require(try await OutboxModel.find(row.id, on: m.app.db))
                #expect(failed.state == "failed" && failed.attempts == 3 && receiver.received.count == 3)
                let log = try m.items(try await m.send(.GET, "/api/v1/webhooks/\(id)/deliveries", as: m.fx.adminToken))
                #expect(log.compactMap { $0["statusCode"] as? Int } == [502, 503, 500])
                // Each attempt is signed anew with the same delivery id.
                #expect(Set(receiver.received.compactMap { $0.headers.first(name: "Mend-Delivery") }).count == 1)
                // The note's event is all the ticket got: a failed webhook is not a ticket event.
                #expect(try await m.eventCount(n) == eventsBefore + 1)

                // Sent again by an admin after the receiver is fixed.
                try await m.post("/api/v1/outbox/\(row.id!)/retry", nil, as: m.fx.adminToken, expect: .ok)
                #expect(try await sender(m).tick(now: m.clock.now()) == 1)
                #expect(try await OutboxModel.find(row.id, on: m.app.db)?.state == "sent")
            }
        }
    }

    @Test func creationAlertsAndSLAFiringsFanOutAndTheWildcardTakesAll() async throws {
        try await withMend { m in
            try await withReceiver { receiver in
                _ = try await subscribe(m, receiver, events: #"["*"]"#)
                let n = try await m.openTicket(extra: #","impact":"high","urgency":"high""#)
                let kinds = try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").all().map(\.subject)
                #expect(kinds == ["created \(n)"])
                // The SLA scheduler's firings are events too.
                m.clock.advance(seconds: 3 * 3_600)
                #expect(try await m.slaTick() > 0)
                let subjects = try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").all().map(\.subject)
                #expect(subjects.contains("sla_breached \(n)"))
                let before = receiver.received.count
                let sent = try await sender(m).tick(now: m.clock.now())
                #expect(sent == subjects.count && receiver.received.count == before + sent)
            }
        }
    }

    @Test func pingRotateDisableAndDeleteWorkAsAnAdminExpects() async throws {
        try await withMend { m in
            try await withReceiver { receiver in
                let (id, secret) = try await subscribe(m, receiver, events: #"["status_changed"]"#)
                try await m.post("/api/v1/webhooks/\(id)/ping", nil, as: m.fx.adminToken, expect: .accepted)
                #expect(try await sender(m).tick(now: m.clock.now()) == 1)
                let ping = try #require(receiver.received.last)
                #expect(ping.json["event"] as? String == "ping" && ping.json["ticket"] == nil)
                #expect(WebhookReceiver.verify(ping, secret: secret, now: m.clock.now()))

                let rotated = try await m.post("/api/v1/webhooks/\(id)/secret", nil, as: m.fx.adminToken, expect: .ok)
                let fresh = try #require(rotated["secret"] as? String)
                #expect(fresh != secret)
                try await m.post("/api/v1/webhooks/\(id)/ping", nil, as: m.fx.adminToken, expect: .accepted)
                _ = try await sender(m).tick(now: m.clock.now())
                let second = try #require(receiver.received.last)
                #expect(WebhookReceiver.verify(second, secret: fresh, now: m.clock.now()))
                #expect(!WebhookReceiver.verify(second, secret: secret, now: m.clock.now()))

                // Switched off: no new deliveries are queued.
                let off = try await m.post(
                    "/api/v1/webhooks/\(id)", #"{"active":false}"#, method: .PUT, as: m.fx.adminToken, expect: .ok)
                #expect(off["active"] as? Bool == false && off["url"] as? String == receiver.url)
                let n = try await m.openTicket()
                try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
                #expect(try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").count() == 2)

                // Deleted with a delivery waiting: the delivery fails, saying why.
                try await m.post("/api/v1/webhooks/\(id)", #"{"active":true}"#, method: .PUT, as: m.fx.adminToken, expect: .ok)
                try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"waiting_on_client"}"#, expect: .ok)
                let waiting = try #require(
                    try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").filter(\.$state == "pending")
                        .first())
                let gone = try await m.send(.DELETE, "/api/v1/webhooks/\(id)", as: m.fx.adminToken)
                #expect(gone.status == .noContent)
                let failed = try #require(try await OutboxModel.find(waiting.id, on: m.app.db))
                #expect(failed.state == "failed" && failed.lastError == "The webhook subscription was deleted")
                #expect(try await m.send(.GET, "/api/v1/webhooks/\(id)", as: m.fx.adminToken).status == .notFound)
            }
        }
    }

    @Test func badSubscriptionsAreRefusedNamingTheFieldAndOnlyAdminsManage() async throws {
        try await withMend { m in
            let cases: [(String, HTTPStatus, [String])] = [
                (#"{"url":"ftp://x.example/","events":["*"]}"#, .unprocessableEntity, ["url"]),
                (#"{"url":"https://x.example/","events":[]}"#, .unprocessableEntity, ["events"]),
                (#"{"url":"https://x.example/","events":["made_up"]}"#, .unprocessableEntity, ["events"]),
                (#"{"events":["*"]}"#, .unprocessableEntity, ["url"]),
                (#"{"url":"https://x.example/","events":["*"],"secret":"short"}"#, .unprocessableEntity, ["secret"]),
                (#"{"url":"https://x.example/","events":["*"],"colour":"red"}"#, .badRequest, ["colour"]),
                (#"{"url":"https://x.example/","events":"*"}"#, .unprocessableEntity, ["events"]),
            ]
            for (json, status, fields) in cases {
                let (got, named) = try await m.refused(.POST, "/api/v1/webhooks", json, as: m.fx.adminToken)
                #expect(got == status, "\(json) \(named)")
                #expect(named == fields, "\(json)")
            }
            #expect(try await WebhookSubscriptionModel.query(on: m.app.db).count() == 0)
            let (engineer, _) = try await m.refused(
                .POST, "/api/v1/webhooks", #"{"url":"https://x.example/","events":["*"]}"#, as: m.fx.engineerToken)
            #expect(engineer == .forbidden)
            let client = try await m.send(.GET, "/api/v1/webhooks", as: m.fx.clientAToken)
            #expect(client.status == .notFound)
            let created = try await m.post(
                "/api/v1/webhooks", #"{"url":"https://x.example/","events":["*"],"secret":"my-own-secret-of-24-chars"}"#,
                as: m.fx.adminToken)
            #expect(created["secret"] as? String == "my-own-secret-of-24-chars")
            let id = try #require(created["id"] as? String)
            let (changed, fields) = try await m.refused(.PUT, "/api/v1/webhooks/\(id)", #"{"url":"nope"}"#, as: m.fx.adminToken)
            #expect(changed == .unprocessableEntity && fields == ["url"])
            #expect(try await WebhookSubscriptionModel.query(on: m.app.db).first()?.url == "https://x.example/")
            let unknown = try await m.send(.GET, "/api/v1/webhooks/\(UUID())", as: m.fx.adminToken)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func anUnreachableReceiverIsRetriedAndTheAnswerSaysWhy() async throws {
        try await withMend { m in
            // A port nothing listens on: the receiver is down.
            let created = try await m.post(
                "/api/v1/webhooks", #"{"url":"http://127.0.0.1:9/hook","events":["*"]}"#, as: m.fx.adminToken)
            let id = try #require(created["id"] as? String)
            try await m.post("/api/v1/webhooks/\(id)/ping", nil, as: m.fx.adminToken, expect: .accepted)
            var impatient = sender(m)
            impatient.poster.timeout = .seconds(1)
            #expect(try await impatient.tick(now: m.clock.now()) == 0)
            let row = try #require(try await OutboxModel.query(on: m.app.db).filter(\.$channel == "webhook").first())
            #expect(row.state == "pending" && row.lastError?.contains("Could not reach http://127.0.0.1:9/hook") == true)
            let log = try m.items(try await m.send(.GET, "/api/v1/webhooks/\(id)/deliveries", as: m.fx.adminToken))
            #expect(log.first?["statusCode"] == nil && (log.first?["error"] as? String)?.isEmpty == false)
        }
    }
}
