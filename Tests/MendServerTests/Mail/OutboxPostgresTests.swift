import Fluent
import Foundation
import Testing
import Vapor

@testable import MendServer

/// The outbox's promise with several servers: three `mend serve` on one PostgreSQL hand each message to SMTP once.
extension PostgresOnlyTests {
    @Test func threeServersHandEachMessageToSMTPOnce() async throws {
        guard requirePostgres("threeServersHandEachMessageToSMTPOnce") else { return }
        guard OutboxTests.requireSMTP("threeServersHandEachMessageToSMTPOnce"),
            let folder = ProcessInfo.processInfo.environment["MEND_TEST_SMTP_DIR"]
        else { return }
        let config = OutboxTests.config(port: OutboxTests.plainPort)
        try await withMend(config: config) { m in
            let contact = try #require(try await ContactModel.find(m.fx.contactA, on: m.app.db))
            let tag = UUID().uuidString.prefix(8).lowercased()
            contact.email = "many-\(tag)@acme.example"
            try await contact.update(on: m.app.db)
            for i in 0..<30 {
                let n = try await m.openTicket(summary: "Outage \(i)", extra: #","contactID":"\#(m.fx.contactA)""#)
                try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            }
            #expect(try await sendOnThreeServers(m, smtp: config.smtp, batchSize: 4) == 30)
            let mails = try OutboxTests.delivered(in: folder, to: "many-\(tag)@acme.example")
            let ids = mails.compactMap { mail in
                mail.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID:") }
            }
            #expect(mails.count == 30 && Set(ids).count == 30, "each message once")
            #expect(try await OutboxModel.query(on: m.app.db).filter(\.$state == "sent").count() == 30)
        }
    }

    /// Six outbox passes on each of three servers at once (this test's app and two more on its database);
    /// small claims, so the servers interleave. Returns how many deliveries were handed over in all.
    func sendOnThreeServers(_ m: TestMend, smtp: SMTPSettings?, batchSize: Int) async throws -> Int {
        var sent = 0
        try await withSecondProcess(of: m) { second in
            try await withSecondProcess(of: m) { third in
                sent = try await withThrowingTaskGroup(of: Int.self) { group in
                    for app in [m.app, second, third] {
                        group.addTask {
                            var sender = OutboxSender(db: app.db, services: app.mend, smtp: smtp, group: app.eventLoopGroup)
                            sender.batchSize = batchSize
                            var total = 0
                            for _ in 0..<6 { total += try await sender.tick(now: m.clock.now()) }
                            return total
                        }
                    }
                    var all = 0
                    for try await count in group { all += count }
                    return all
                }
            }
        }
        return sent
    }
}
