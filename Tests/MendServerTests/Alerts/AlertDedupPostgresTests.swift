import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

extension PostgresOnlyTests {
    /// The same alert arriving at two servers at once opens one ticket and counts every copy on it.
    @Test func concurrentCopiesOfAnAlertOpenOneTicket() async throws {
        guard requirePostgres("concurrentCopiesOfAnAlertOpenOneTicket") else { return }
        try await withMend { m in
            try await withSecondProcess(of: m) { second in
                let body =
                    #"{"source":"zabbix","fingerprint":"core-sw/down","status":"firing","severity":"critical","company":"ACME","summary":"Core switch down"}"#
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for copy in 0..<12 {
                        let app = copy % 2 == 0 ? m.app : second
                        group.addTask {
                            let r = try await app.testing().sendRequest(
                                .POST, "/api/v1/alerts",
                                headers: ["Authorization": "Bearer \(m.fx.engineerToken)", "Content-Type": "application/json"],
                                body: ByteBuffer(string: body))
                            #expect(r.status == .ok, "\(r.body.string)")
                        }
                    }
                    try await group.waitForAll()
                }
                let tickets = try await TicketModel.query(on: m.app.db).filter(\.$alertFingerprint == "core-sw/down").all()
                #expect(tickets.count == 1)
                #expect(tickets.first?.alertCount == 12)
                let repeats = try await EventModel.query(on: m.app.db).filter(\.$ticketID == tickets[0].id!)
                    .filter(\.$kind == "alert_repeated").all()
                // Each copy is its own event with its own count, even when copies share a batch.
                let summaries = Set(repeats.map(\.summary))
                #expect(summaries.count == 11)
                #expect(tickets.first?.version == 12)
            }
        }
    }
}
