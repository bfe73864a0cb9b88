import Foundation

/// Where and how mail goes out (MEND_SMTP_*); nil host means mail stays in the outbox unsent.
public struct SMTPSettings: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// Plain SMTP (a relay on the same host or a test server).
        case none
        /// Plain connect, then STARTTLS before anything else; refused when the server does not offer it.
        case starttls
        /// TLS from the first byte (SMTPS, usually port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// Whether the server's certificate must be valid for `host`; off only for a local server with a self-signed one.
    public var verifyCertificate: Bool
    public var username: String?
    public var password: String?
    /// The envelope and From address.
    public var from: String
    /// The name shown with `from`.
    public var fromName: String
    /// The host name Mend gives in EHLO and in its Message-IDs.
    public var heloName: String

    public init(
        host: String, port: Int = 25, security: Security = .none, verifyCertificate: Bool = true, username: String? = nil,
        password: String? = nil, from: String, fromName: String, heloName: String = "mend.localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.verifyCertificate = verifyCertificate
        self.username = username
        self.password = password
        self.from = from
        self.fromName = fromName
        self.heloName = heloName
    }
}
