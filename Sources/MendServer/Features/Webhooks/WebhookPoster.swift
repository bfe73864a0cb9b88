import AsyncHTTPClient
import Foundation
import MendCore
import NIOCore
import Vapor

/// Posts one webhook delivery, signed with the subscription's secret at the moment of sending (a retry
/// carries a fresh timestamp), and says what the receiver answered.
struct WebhookPoster: Sendable {
    /// What one attempt came to.
    struct Attempt: Sendable {
        var statusCode: Int?
        var response: String?
        var error: String?
        var durationMs: Int
        /// Only a 2xx answer counts as delivered.
        var delivered: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
        /// The line the outbox and the delivery log show.
        var summary: String {
            if let error { return error }
            let answer = response.map { $0.isEmpty ? "" : ": \($0.prefix(200))" } ?? ""
            return "HTTP \(statusCode ?? 0)\(answer)"
        }
    }

    var client: HTTPClient = .shared
    /// A receiver that takes longer is treated as down; it is tried again later.
    var timeout: TimeAmount = .seconds(10)

    /// The header value for `body` signed with `secret` at `timestamp`.
    static func signature(body: String, secret: String, timestamp: Int) -> String {
        let content = WebhookSignature.signedContent(timestamp: timestamp, body: Array(body.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: Array(secret.utf8)))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        return WebhookSignature(timestamp: timestamp, macs: [hex]).value
    }

    func post(_ body: String, to url: String, event: String, delivery: UUID, secret: String, now: Date) async -> Attempt {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Mend-Webhooks/1")
        request.headers.add(name: "Mend-Event", value: event)
        request.headers.add(name: "Mend-Delivery", value: delivery.uuidString)
        request.headers.add(
            name: WebhookSignature.header,
            value: Self.signature(body: body, secret: secret, timestamp: Int(now.timeIntervalSince1970)))
        request.body = .bytes(ByteBuffer(string: body))
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let duration = ContinuousClock.now - started
            return Int(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            // Enough of the answer to see what the receiver said; the rest is not read.
            var collected = ByteBuffer()
            for try await var chunk in response.body {
                collected.writeBuffer(&chunk)
                if collected.readableBytes >= 500 { break }
            }
            let text = collected.readString(length: min(collected.readableBytes, 500)) ?? ""
            return Attempt(statusCode: Int(response.status.code), response: text, error: nil, durationMs: elapsed())
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            return Attempt(error: "No answer within \(timeout.nanoseconds / 1_000_000_000) s", durationMs: elapsed())
        } catch is CancellationError {
            return Attempt(error: "Interrupted: Mend was shutting down", durationMs: elapsed())
        } catch {
            return Attempt(error: "Could not reach \(url): \(error)", durationMs: elapsed())
        }
    }
}

extension WebhookPoster.Attempt {
    init(error: String, durationMs: Int) {
        self.init(statusCode: nil, response: nil, error: error, durationMs: durationMs)
    }
}
