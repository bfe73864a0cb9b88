import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A real HTTP receiver on a loopback port, as a client's PSA would run: it records what arrives and answers
/// with the statuses it is told to, one per request (then 200).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var headers: HTTPHeaders
        var body: String

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
        }
    }

    private let app: Application
    private let state = NIOLockedValueBox<(received: [Delivery], answers: [HTTPStatus])>(([], []))
    let url: String

    private init(app: Application, url: String) {
        self.app = app
        self.url = url
    }

    static func start() async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let box = NIOLockedValueBox<WebhookReceiver?>(nil)
        app.post("hook") { req async throws -> Response in
            let body = req.body.string ?? ""
            let status = box.withLockedValue { $0 }!.record(Delivery(headers: req.headers, body: body))
            return Response(status: status, body: .init(string: status == .ok ? "thanks" : "receiver says no"))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress!.port!
        let receiver = WebhookReceiver(app: app, url: "http://127.0.0.1:\(port)/hook")
        box.withLockedValue { $0 = receiver }
        return receiver
    }

    /// The next requests are answered with these statuses, in order.
    func answer(_ statuses: HTTPStatus...) { state.withLockedValue { $0.answers += statuses } }

    var received: [Delivery] { state.withLockedValue { $0.received } }

    private func record(_ delivery: Delivery) -> HTTPStatus {
        state.withLockedValue {
            $0.received.append(delivery)
            return $0.answers.isEmpty ? .ok : $0.answers.removeFirst()
        }
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// Checks a delivery's signature the way docs/webhooks.md tells receivers to, with Crypto's HMAC.
    static func verify(_ delivery: Delivery, secret: String, now: Date) -> Bool {
        guard let header = delivery.headers.first(name: "Mend-Signature") else { return false }
        var timestamp: Int?
        var macs: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair.count == 2, pair[0] == "v1" { macs.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= 300 else { return false }
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(delivery.body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let expected = mac.map { String(format: "%02x", $0) }.joined()
        return macs.contains(expected)
    }
}

/// Runs `body` with a receiver started and stopped around it.
func withReceiver(_ body: (WebhookReceiver) async throws -> Void) async throws {
    let receiver = try await WebhookReceiver.start()
    do {
        try await body(receiver)
    } catch {
        try? await receiver.stop()
        throw error
    }
    try await receiver.stop()
}
