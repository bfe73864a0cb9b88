import Foundation

/// The `Mend-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Signing the time
/// with the body lets a receiver refuse a replayed delivery; the MAC itself is computed by the caller.
public struct WebhookSignature: Sendable, Equatable {
    /// The header's name.
    public static let header = "Mend-Signature"
    /// How far a receiver should accept the signed time from its own clock, by default.
    public static let defaultTolerance: TimeInterval = 300

    public var timestamp: Int
    /// Hex MACs; more than one while a receiver accepts an old and a new secret.
    public var macs: [String]

    public init(timestamp: Int, macs: [String]) {
        self.timestamp = timestamp
        self.macs = macs
    }

    /// The bytes that are signed: the timestamp, a dot, the body exactly as sent.
    public static func signedContent(timestamp: Int, body: [UInt8]) -> [UInt8] {
        Array("\(timestamp).".utf8) + body
    }

    /// The header's value.
    public var value: String {
        (["t=\(timestamp)"] + macs.map { "v1=\($0)" }).joined(separator: ",")
    }

    /// Reads a header value; nil when it has no `t=` or no `v1=`.
    public init?(parsing value: String) {
        var timestamp: Int?
        var macs: [String] = []
        for part in value.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "t": timestamp = Int(pair[1])
            case "v1": macs.append(pair[1].lowercased())
            default: continue
            }
        }
        guard let timestamp, !macs.isEmpty else { return nil }
        self.init(timestamp: timestamp, macs: macs)
    }

    /// Whether `expected` (the receiver's own MAC of the signed content) is among the header's, in time.
    public func verifies(expected: String, now: Date, tolerance: TimeInterval = defaultTolerance) -> Bool {
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let want = Array(expected.lowercased().utf8)
        // Compared in constant time, so a forger learns nothing from how long a refusal takes.
        return macs.contains { mac in
            let got = Array(mac.utf8)
            return got.count == want.count && zip(got, want).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
