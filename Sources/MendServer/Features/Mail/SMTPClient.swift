import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// What an SMTP server answered when it refused a message; 4xx is worth retrying, 5xx is final.
struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var text: String
    /// The command that was refused.
    var stage: String

    var isPermanent: Bool { (500..<600).contains(code) }
    var description: String { code == 0 ? "\(stage): \(text)" : "\(stage): \(code) \(text)" }
}

/// One SMTP reply: its code and its lines of text.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// A minimal SMTP client (RFC 5321) over SwiftNIO: EHLO, STARTTLS or implicit TLS, AUTH PLAIN or LOGIN, one
/// message to one recipient per connection. Outbox sends are few and independent, so a connection each is
/// simpler than pooling and lets every message fail on its own.
struct SMTPClient {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    /// How long any one reply may take.
    var timeout: Duration = .seconds(30)

    /// Hands `message` (RFC 5322 text with CRLF line ends) to the server for `recipient`.
    func send(_ message: String, to recipient: String) async throws {
        let replies = ReplyStream()
        let tls = try settings.security == .tls ? Self.tlsHandler(settings) : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(15))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(tls) }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(stream: replies))
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        do {
            try await conversation(message, to: recipient, channel: channel, replies: replies)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private func conversation(_ message: String, to recipient: String, channel: any Channel, replies: ReplyStream)
        async throws
    {
        func expect(_ stage: String, _ codes: Set<Int>) async throws -> SMTPReply {
            let reply = try await replies.next(timeout: timeout, stage: stage)
            guard codes.contains(reply.code) else { throw SMTPError(code: reply.code, text: reply.text, stage: stage) }
            return reply
        }
        func command(_ line: String, _ stage: String, _ codes: Set<Int>) async throws -> SMTPReply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
            return try await expect(stage, codes)
        }
        _ = try await expect("greeting", [220])
        var hello = try await command("EHLO \(settings.heloName)", "EHLO", [250])
        if settings.security == .starttls {
            guard hello.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw SMTPError(code: 0, text: "the server does not offer STARTTLS", stage: "STARTTLS")
            }
            _ = try await command("STARTTLS", "STARTTLS", [220])
            try await channel.pipeline.addHandler(try Self.tlsHandler(settings), position: .first)
            hello = try await command("EHLO \(settings.heloName)", "EHLO", [250])
        }
        if let username = settings.username, let password = settings.password {
            let auth = hello.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(token)", "AUTH", [235])
            } else {
                _ = try await command("AUTH LOGIN", "AUTH", [334])
                _ = try await command(Data(username.utf8).base64EncodedString(), "AUTH", [334])
                _ = try await command(Data(password.utf8).base64EncodedString(), "AUTH", [235])
            }
        }
        _ = try await command("MAIL FROM:<\(settings.from)>", "MAIL FROM", [250])
        _ = try await command("RCPT TO:<\(recipient)>", "RCPT TO", [250, 251])
        _ = try await command("DATA", "DATA", [354])
        try await channel.writeAndFlush(ByteBuffer(string: Self.dotStuffed(message) + ".\r\n"))
        _ = try await expect("end of DATA", [250])
        _ = try? await command("QUIT", "QUIT", [221])
    }

    /// The message with CRLF line ends, every line starting with a dot doubled, ending in CRLF (RFC 5321 4.5.2).
    static func dotStuffed(_ message: String) -> String {
        let lines = message.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var body = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        if !body.hasSuffix("\r\n") { body += "\r\n" }
        return body
    }

    private static func tlsHandler(_ settings: SMTPSettings) throws -> NIOSSLClientHandler {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !settings.verifyCertificate { configuration.certificateVerification = .none }
        return try NIOSSLClientHandler(
            context: NIOSSLContext(configuration: configuration),
            serverHostname: settings.host.first?.isNumber == true ? nil : settings.host)
    }
}

/// Replies as they arrive, awaited one at a time by the conversation.
final class ReplyStream: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: [Result<SMTPReply, any Error>] = []
    private var waiter: CheckedContinuation<SMTPReply, any Error>?

    func push(_ result: Result<SMTPReply, any Error>) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(with: result)
            return
        }
        ready.append(result)
        lock.unlock()
    }

    func next(timeout: Duration, stage: String) async throws -> SMTPReply {
        try await withThrowingTaskGroup(of: SMTPReply.self) { group in
            group.addTask { try await self.take() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPError(code: 0, text: "no answer within \(timeout)", stage: stage)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw SMTPError(code: 0, text: "no answer", stage: stage)
            }
            return first
        }
    }

    private func take() async throws -> SMTPReply {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SMTPReply, any Error>) in
                lock.lock()
                if !ready.isEmpty {
                    let result = ready.removeFirst()
                    lock.unlock()
                    continuation.resume(with: result)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let pending = waiter
            waiter = nil
            lock.unlock()
            pending?.resume(throwing: CancellationError())
        }
    }
}

/// Turns the server's bytes into replies: a reply ends at a line whose fourth character is a space.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let stream: ReplyStream
    private var pending = ""
    private var lines: [String] = []

    init(stream: ReplyStream) { self.stream = stream }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending = String(pending[end.upperBound...])
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                stream.push(.failure(SMTPError(code: 0, text: "unreadable reply: \(line.prefix(80))", stage: "reply")))
                continue
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                stream.push(.success(SMTPReply(code: code, lines: lines)))
                lines = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stream.push(.failure(SMTPError(code: 0, text: "the server closed the connection", stage: "connection")))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        stream.push(.failure(SMTPError(code: 0, text: "\(error)", stage: "connection")))
        context.close(promise: nil)
    }
}
