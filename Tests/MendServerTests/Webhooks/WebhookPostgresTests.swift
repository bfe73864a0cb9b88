import Fluent
import Foundation
import Testing
import Vapor

@testable import MendServer

/// Webhooks with several servers: three `mend serve` on one PostgreSQL post each delivery once.
extension PostgresOnlyTests {
    @Test func threeServersPostEachWebhookDeliveryOnce() async throws {
        guard requirePostgres("threeServersPostEachWebhookDeliveryOnce") else { return }
        try await withMend { m in
            try await withReceiver { receiver in
                try await m.post(
                    "/api/v1/webhooks", #"{"url":"\#(receiver.url)","events":["status_changed"]}"#, as: m.fx.adminToken)
                for i in 0..<20 {
                    let n = try await m.openTicket(summary: "Outage \(i)")
                    try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
                }
                #expect(try await sendOnThreeServers(m, smtp: nil, batchSize: 3) == 20)
                let ids = receiver.received.compactMap { $0.headers.first(name: "Mend-Delivery") }
                #expect(ids.count == 20 && Set(ids).count == 20)
                #expect(try await OutboxModel.query(on: m.app.db).filter(\.$state == "sent").count() == 20)
                #expect(try await WebhookDeliveryModel.query(on: m.app.db).count() == 20)
            }
        }
    }
}
