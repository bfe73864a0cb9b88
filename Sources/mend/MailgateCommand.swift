import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `mend mailgate`: an MTA pipes one message to it; it posts the message to Mend. On any refusal or when Mend
/// is unreachable it exits 75 (EX_TEMPFAIL) with the reason on stderr, so the MTA keeps the mail and retries.
struct MailgateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailgate",
        abstract: "Deliver one RFC 5322 message from stdin to Mend (for an MTA's pipe transport).",
        discussion: """
            Exit status: 0 when Mend took the message (filed on a ticket, opened one, quarantined or ignored it); \
            75 (temporary failure) when Mend refused it or could not be reached, so the MTA keeps it.
            Example (Postfix master.cf): mend unix - n n - - pipe flags=Rq user=mend \
            argv=/usr/local/bin/mend mailgate --url https://mend.example --token-file /etc/mend/mailgate.token
            """)

    static let tempfail: Int32 = 75

    @ArgumentParser.Option(help: "Mend's base URL (or MEND_URL).") var url: String?
    @ArgumentParser.Option(help: "An API token of a staff user (or MEND_TOKEN).") var token: String?
    @ArgumentParser.Option(help: "A file holding the token, so it stays out of the process list.") var tokenFile: String?
    @ArgumentParser.Option(help: "Seconds to wait for Mend.") var timeout: Int = 60

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let base = (url ?? env["MEND_URL"]).map({ $0.hasSuffix("/") ? String($0.dropLast()) : $0 }), !base.isEmpty
        else { fail("no Mend URL: pass --url or set MEND_URL") }
        var secret = token ?? env["MEND_TOKEN"]
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else { fail("cannot read \(tokenFile)") }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let secret, !secret.isEmpty else { fail("no token: pass --token, --token-file or set MEND_TOKEN") }
        let message = FileHandle.standardInput.readDataToEndOfFile()
        guard !message.isEmpty else { fail("no message on stdin") }

        var request = HTTPClientRequest(url: base + "/api/v1/mail/inbound")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        request.headers.add(name: "Content-Type", value: "message/rfc822")
        request.body = .bytes(ByteBuffer(bytes: message))
        // A refused connection fails at once instead of being retried until the deadline.
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let response: HTTPClientResponse
        let body: String
        do {
            response = try await client.execute(request, deadline: .now() + .seconds(Int64(timeout)))
            body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            fail("Mend at \(base) could not be reached: \(error)")
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            fail("Mend refused the message (\(response.status.code)): \(body)")
        }
        print(body)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("mend mailgate: \(message)\n".utf8))
        Foundation.exit(Self.tempfail)
    }
}
