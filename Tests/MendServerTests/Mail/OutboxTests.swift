import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Client mail through the outbox to a real SMTP server (aiosmtpd, started by scripts/test.sh): queued in the
/// change's transaction, handed to SMTP once, retried with backoff while the server is down, failed with the
/// server's answer when it refuses, and sent over STARTTLS with AUTH.
@Suite(.serialized)
struct OutboxTests {
    static let env = ProcessInfo.processInfo.environment

    static func config(port: Int, security: SMTPSettings.Security = .none, auth: Bool = false) -> MendConfig {
        var config = MendConfig()
        config.smtp = SMTPSettings(
            host: "127.0.0.1", port: port, security: security, verifyCertificate: false,
            username: auth ? "mend" : nil, password: auth ? "sink-password" : nil, from: "desk@msp.example",
            fromName: "Northwind IT", heloName: "msp.example")
        return config
    }

    static var plainPort: Int { Int(env["MEND_TEST_SMTP_PORT"] ?? "") ?? 0 }

    /// The mail tests need the SMTP servers scripts/test.sh starts; without them they say so, and fail under CI.
    static func requireSMTP(_ name: String) -> Bool {
        if env["MEND_TEST_SMTP_PORT"] != nil && env["MEND_TEST_SMTPS_PORT"] != nil { return true }
        if TestDatabase.mustNotSkip {
            Issue.record("\(name) needs the SMTP servers: run scripts/smtp-sinks.sh (CI=true forbids skipping)")
        } else {
            print("SKIPPED \(name): needs MEND_TEST_SMTP_* from scripts/smtp-sinks.sh start DIR")
        }
        return false
    }

    /// The messages the sink stored for `recipient`, as text.
    static func delivered(in folder: String, to needle: String) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
        return try files.map { try String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8) }.filter { $0.contains(needle) }
    }

    func sender(_ m: TestMend, port: Int, security: SMTPSettings.Security = .none, auth: Bool = false) -> OutboxSender {
        OutboxSender(
            db: m.app.db, services: m.app.mend, smtp: Self.config(port: port, security: security, auth: auth).smtp!,
            group: m.app.eventLoopGroup)
    }

    /// A ticket of company A whose contact has a unique address, so messages are told apart in the sink.
    func ticketWithContact(_ m: TestMend) async throws -> (String, String) {
        let address = "dana-\(UUID().uuidString.prefix(8).lowercased())@acme.example"
        let contact = try #require(try await ContactModel.find(m.fx.contactA, on: m.app.db))
        contact.email = address
        try await contact.update(on: m.app.db)
        let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
        return (n, address)
    }

    @Test func anAcknowledgementIsQueuedWithTheChangeAndHandedToSMTPOnce() async throws {
        guard Self.requireSMTP("anAcknowledgementIsQueuedWithTheChangeAndHandedToSMTPOnce") else { return }
        try await withMend(config: Self.config(port: Self.plainPort)) { m in
            let (n, address) = try await ticketWithContact(m)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            let queued = try await OutboxModel.query(on: m.app.db).all()
            #expect(queued.count == 1 && queued.first?.state == "pending" && queued.first?.template == "acknowledged")
            let event = try #require(try await m.events(n, kind: "client_message").first)
            #expect(event.visibility == "onstage" && event.summary.contains("[\(n)]"))

            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 1)
            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 0, "sent once")
            let mails = try Self.delivered(in: Self.env["MEND_TEST_SMTP_DIR"]!, to: address)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.contains("Subject: [\(n)] We are on it: VPN down at head office"))
            #expect(mail.contains("Message-ID: <\(queued[0].messageID)>"))
            #expect(mail.contains("In-Reply-To: <\(n)@msp.example>"))
            #expect(mail.contains("Content-Type: text/html; charset=utf-8"))
            let row = try #require(try await OutboxModel.find(queued[0].id, on: m.app.db))
            #expect(row.state == "sent" && row.attempts == 1 && row.sentAt != nil)
        }
    }

    @Test func aSignInLinkIsMailedAndItsTextRemovedOnceSent() async throws {
        guard Self.requireSMTP("aSignInLinkIsMailedAndItsTextRemovedOnceSent") else { return }
        try await withMend(config: Self.config(port: Self.plainPort)) { m in
            let (_, address) = try await ticketWithContact(m)
            let asked = try await m.send(.POST, "/api/v1/login-links", json: #"{"email":"\#(address)"}"#)
            #expect(asked.status == .accepted)
            let queued = try #require(try await OutboxModel.query(on: m.app.db).filter(\.$recipient == address).first())
            #expect(queued.template == "sign_in_link" && queued.payload.contains("/login/link/"))
            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 1)
            let mail = try #require(try Self.delivered(in: Self.env["MEND_TEST_SMTP_DIR"]!, to: address).first)
            #expect(mail.contains("Subject: Your sign-in link for the"))
            let text = String(decoding: QuotedPrintable.decode(Data(mail.utf8)), as: UTF8.self)
            #expect(text.contains("http://127.0.0.1:8080/login/link/"))
            let sent = try #require(try await OutboxModel.find(queued.id, on: m.app.db))
            #expect(sent.state == "sent" && !sent.payload.contains("/login/link/"))
            #expect(sent.payload == SignInLinkService.redacted)
        }
    }

    @Test func aMessageWaitsOutAnSMTPOutageAndIsDeliveredWhenItIsBack() async throws {
        guard Self.requireSMTP("aMessageWaitsOutAnSMTPOutageAndIsDeliveredWhenItIsBack") else { return }
        try await withMend(config: Self.config(port: Self.plainPort)) { m in
            let (n, address) = try await ticketWithContact(m)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            // Nothing listens on this port: the server is down.
            let down = try await ClosedPort.make()
            #expect(try await sender(m, port: down).tick(now: m.clock.now()) == 0)
            var row = try #require(try await OutboxModel.query(on: m.app.db).first())
            #expect(row.state == "pending" && row.attempts == 1 && row.lastError?.isEmpty == false)
            #expect(row.nextAttemptAt == m.clock.now().addingTimeInterval(30))
            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 0, "not before its retry time")
            m.clock.advance(seconds: 31)
            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 1)
            row = try #require(try await OutboxModel.query(on: m.app.db).first())
            #expect(row.state == "sent" && row.attempts == 2)
            #expect(try Self.delivered(in: Self.env["MEND_TEST_SMTP_DIR"]!, to: address).count == 1)
        }
    }

    @Test func aRefusedRecipientFailsAtOnceWithTheServersAnswerShownToStaff() async throws {
        guard Self.requireSMTP("aRefusedRecipientFailsAtOnceWithTheServersAnswerShownToStaff") else { return }
        try await withMend(config: Self.config(port: Self.plainPort)) { m in
            let contact = try #require(try await ContactModel.find(m.fx.contactA, on: m.app.db))
            contact.email = "reject-\(UUID().uuidString.prefix(6))@acme.example"
            try await contact.update(on: m.app.db)
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)","assigneeID":"\#(m.fx.engineer)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            #expect(try await sender(m, port: Self.plainPort).tick(now: m.clock.now()) == 0)
            let row = try #require(try await OutboxModel.query(on: m.app.db).first())
            #expect(row.state == "failed" && row.lastError?.contains("550") == true)
            let failed = try await m.events(n, kind: "message_failed")
            #expect(failed.count == 1 && failed.first?.summary.contains("mailbox unavailable") == true)
            #expect(try await m.notificationTitles(m.fx.engineerToken).contains { $0.contains("email not delivered") })
        }
    }

    @Test func submissionOverSTARTTLSWithAuthentication() async throws {
        guard Self.requireSMTP("submissionOverSTARTTLSWithAuthentication") else { return }
        let port = Int(Self.env["MEND_TEST_SMTPS_PORT"] ?? "") ?? 0
        try await withMend(config: Self.config(port: port, security: .starttls, auth: true)) { m in
            let (n, address) = try await ticketWithContact(m)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            #expect(try await sender(m, port: port, security: .starttls, auth: true).tick(now: m.clock.now()) == 1)
            let row = try await OutboxModel.query(on: m.app.db).first()
            #expect(row?.state == "sent", "\(row?.lastError ?? "")")
            #expect(try Self.delivered(in: Self.env["MEND_TEST_SMTPS_DIR"]!, to: address).count == 1)
        }
    }

    @Test func aSubmissionServerRefusingAnUnauthenticatedSenderIsAFinalAnswer() async throws {
        guard Self.requireSMTP("aSubmissionServerRefusingAnUnauthenticatedSenderIsAFinalAnswer") else { return }
        let port = Int(Self.env["MEND_TEST_SMTPS_PORT"] ?? "") ?? 0
        try await withMend(config: Self.config(port: port, security: .starttls)) { m in
            let (n, _) = try await ticketWithContact(m)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            #expect(try await sender(m, port: port, security: .starttls).tick(now: m.clock.now()) == 0)
            let row = try #require(try await OutboxModel.query(on: m.app.db).first())
            #expect(row.state == "failed" && row.lastError?.contains("MAIL FROM: 530") == true, "\(row.lastError ?? "")")
        }
    }

    @Test func aTemplateFieldTheTicketLacksIsRecordedNotSentBlank() async throws {
        guard Self.requireSMTP("aTemplateFieldTheTicketLacksIsRecordedNotSentBlank") else { return }
        try await withMend(config: Self.config(port: Self.plainPort)) { m in
            let contact = try #require(try await ContactModel.find(m.fx.contactA, on: m.app.db))
            contact.email = nil
            try await contact.update(on: m.app.db)
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.post("/api/v1/tickets/\(n)/transitions", #"{"to":"in_progress"}"#, expect: .ok)
            #expect(try await OutboxModel.query(on: m.app.db).count() == 0)
            #expect(try await m.events(n, kind: "message_not_sent").first?.summary.contains("no email address") == true)
        }
    }
}

/// A loopback port with nothing listening: an SMTP server that is down.
enum ClosedPort {
    static func make() async throws -> Int {
        let socket = try ServerSocketProbe()
        return socket.port
    }
}

/// Binds an ephemeral port and closes it again, leaving a port nothing listens on.
struct ServerSocketProbe {
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        close(fd)
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}
