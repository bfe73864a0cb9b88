import Foundation
import MendCore

/// Every environment variable Mend reads, parsed and checked once at start.
public struct MendConfig: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: DatabaseLocation
    /// Seconds after an exit during which a ticket may be reopened (MEND_REOPEN_WINDOW_HOURS).
    public var reopenWindowSeconds: Int
    /// The MSP's name, shown in the UI (MEND_MSP_NAME).
    public var mspName: String
    /// Largest accepted request body in bytes (MEND_MAX_BODY_KB); bigger bodies get 413.
    public var maxBodyBytes: Int
    /// Marks the session cookie Secure; set when Mend is served over HTTPS (MEND_SECURE_COOKIES).
    public var secureCookies: Bool
    /// SQLite's durability per commit (MEND_SQLITE_SYNCHRONOUS): "NORMAL" survives a crash of Mend but may lose
    /// the last commits on power loss; "FULL" syncs every commit to disk and is several times slower.
    public var sqliteSynchronous: String
    /// How often `mend serve` looks for due SLA warnings and breaches (MEND_SCHEDULER_INTERVAL_MS; 0 turns it off).
    public var schedulerIntervalMilliseconds: Int = 1_000
    /// Minutes after a P1/P2 ticket opens before the CSRs are reminded of a missing handoff
    /// (MEND_HANDOFF_REMINDER_MINUTES).
    public var handoffReminderMinutes: Int = 15
    /// Unanswered verification attempts after which a silent client no longer holds the ticket open
    /// (MEND_VERIFICATION_UNANSWERED_ATTEMPTS).
    public var unansweredVerificationAttempts: Int = VerificationRule.defaultUnansweredAttempts
    /// Minutes between two unanswered verification attempts for the second to count as another try
    /// (MEND_VERIFICATION_RETRY_MINUTES).
    public var verificationRetryMinutes: Int = VerificationRule.defaultRetryMinutes
    /// The SMTP server client mail goes through (MEND_SMTP_*); nil keeps messages in the outbox.
    public var smtp: SMTPSettings?
    /// Attempts before an outgoing message is marked failed (MEND_OUTBOX_MAX_ATTEMPTS).
    public var outboxRetry: OutboxRetry = .standard
    /// The signature under every client message (MEND_MSP_SIGNATURE; "The <MSP> service desk" by default).
    public var mspSignature: String?
    /// Where clients reach this Mend, for links in messages such as the survey (MEND_PUBLIC_URL).
    public var publicURL: String = "http://127.0.0.1:8080"
    /// The address of the MSP's logo for message templates (MEND_MSP_LOGO_URL).
    public var mspLogoURL: String?
    /// The MSP's own time zone, whose days KPI periods are counted in (MEND_TIME_ZONE, an IANA name; UTC by default).
    public var timeZone = "UTC"
    /// When set, `GET /metrics` asks for it as a bearer token (MEND_METRICS_TOKEN); open otherwise.
    public var metricsToken: String?
    /// Whether a start runs pending migrations itself (MEND_MIGRATE=auto, the default) or refuses to start until
    /// `mend migrate` has run them (never): with several servers, one upgrade step instead of a race at start.
    public var migrateOnStart = true
    /// Log lines as text (the default) or one JSON object per line (LOG_FORMAT=json), for a log collector.
    public var logFormat: LogFormat = .text
    /// How long `mend serve` may take to finish what it is doing after SIGTERM (MEND_SHUTDOWN_SECONDS).
    public var shutdownSeconds = 20

    /// How log lines are written.
    public enum LogFormat: String, Sendable { case text, json }

    public init(
        database: DatabaseLocation = .sqlite(path: "mend.sqlite"), reopenWindowSeconds: Int = 7 * 86_400,
        mspName: String = "Mend MSP", maxBodyBytes: Int = 1_048_576, secureCookies: Bool = false,
        sqliteSynchronous: String = "NORMAL"
    ) {
        self.sqliteSynchronous = sqliteSynchronous
        self.database = database
        self.reopenWindowSeconds = reopenWindowSeconds
        self.mspName = mspName
        self.maxBodyBytes = maxBodyBytes
        self.secureCookies = secureCookies
    }

    /// The lifecycle rules' settings: the reopen window and what an attempt at verification needs.
    public var lifecycle: LifecycleSettings {
        LifecycleSettings(
            reopenWindowSeconds: reopenWindowSeconds,
            verification: VerificationRule(
                unansweredNeeded: unansweredVerificationAttempts, retryMinutes: verificationRetryMinutes))
    }

    /// Reads the configuration from an environment, listing every bad value at once.
    public static func from(environment env: [String: String]) throws -> MendConfig {
        var problems: [String] = []
        var config = MendConfig()
        if let url = env["MEND_DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("sqlite://") {
                let path = String(url.dropFirst("sqlite://".count))
                if path.isEmpty {
                    problems.append("MEND_DATABASE_URL: sqlite:// needs a path, e.g. sqlite:///var/lib/mend/mend.sqlite")
                }
                config.database = .sqlite(path: path)
            } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                config.database = .postgres(url: url)
            } else {
                problems.append("MEND_DATABASE_URL: must start with sqlite:// or postgres:// (got \(url.prefix(20))...)")
            }
        }
        if let hours = env["MEND_REOPEN_WINDOW_HOURS"] {
            if let value = Int(hours), (0...8760).contains(value) {
                config.reopenWindowSeconds = value * 3600
            } else {
                problems.append("MEND_REOPEN_WINDOW_HOURS: must be a whole number of hours from 0 to 8760")
            }
        }
        if let text = env["MEND_VERIFICATION_UNANSWERED_ATTEMPTS"] {
            if let value = Int(text), (1...10).contains(value) {
                config.unansweredVerificationAttempts = value
            } else {
                problems.append("MEND_VERIFICATION_UNANSWERED_ATTEMPTS: must be a whole number from 1 to 10")
            }
        }
        if let text = env["MEND_VERIFICATION_RETRY_MINUTES"] {
            if let value = Int(text), (0...1_440).contains(value) {
                config.verificationRetryMinutes = value
            } else {
                problems.append("MEND_VERIFICATION_RETRY_MINUTES: must be a whole number of minutes from 0 to 1440")
            }
        }
        if let name = env["MEND_MSP_NAME"] {
            if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 100 {
                problems.append("MEND_MSP_NAME: must be 1 to 100 characters")
            } else {
                config.mspName = name
            }
        }
        if let kb = env["MEND_MAX_BODY_KB"] {
            if let value = Int(kb), (16...102_400).contains(value) {
                config.maxBodyBytes = value * 1024
            } else {
                problems.append("MEND_MAX_BODY_KB: must be a whole number from 16 to 102400")
            }
        }
        if let text = env["MEND_SCHEDULER_INTERVAL_MS"] {
            if let value = Int(text), (0...3_600_000).contains(value) {
                config.schedulerIntervalMilliseconds = value
            } else {
                problems.append("MEND_SCHEDULER_INTERVAL_MS: must be a whole number of milliseconds from 0 to 3600000")
            }
        }
        if let text = env["MEND_HANDOFF_REMINDER_MINUTES"] {
            if let value = Int(text), (0...1_440).contains(value) {
                config.handoffReminderMinutes = value
            } else {
                problems.append("MEND_HANDOFF_REMINDER_MINUTES: must be a whole number of minutes from 0 to 1440")
            }
        }
        if let secure = env["MEND_SECURE_COOKIES"] {
            switch secure.lowercased() {
            case "1", "true", "yes": config.secureCookies = true
            case "0", "false", "no", "": config.secureCookies = false
            default: problems.append("MEND_SECURE_COOKIES: must be true or false")
            }
        }
        if let synchronous = env["MEND_SQLITE_SYNCHRONOUS"] {
            if ["normal", "full"].contains(synchronous.lowercased()) {
                config.sqliteSynchronous = synchronous.uppercased()
            } else {
                problems.append("MEND_SQLITE_SYNCHRONOUS: must be normal or full")
            }
        }
        config.smtp = smtp(from: env, mspName: config.mspName, problems: &problems)
        if let text = env["MEND_OUTBOX_MAX_ATTEMPTS"] {
            if let value = Int(text), (1...50).contains(value) {
                config.outboxRetry.maxAttempts = value
            } else {
                problems.append("MEND_OUTBOX_MAX_ATTEMPTS: must be a whole number from 1 to 50")
            }
        }
        if let signature = env["MEND_MSP_SIGNATURE"], !signature.trimmingCharacters(in: .whitespaces).isEmpty {
            config.mspSignature = signature.replacingOccurrences(of: "\\n", with: "\n")
        }
        if let url = env["MEND_PUBLIC_URL"], !url.isEmpty {
            if (url.hasPrefix("https://") || url.hasPrefix("http://")) && !url.contains(" ") {
                config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append(
                    "MEND_PUBLIC_URL: must be the http or https address clients use, such as https://mend.msp.example")
            }
        }
        if let logo = env["MEND_MSP_LOGO_URL"], !logo.isEmpty {
            if logo.hasPrefix("https://") || logo.hasPrefix("http://") {
                config.mspLogoURL = logo
            } else {
                problems.append("MEND_MSP_LOGO_URL: must be an http or https address")
            }
        }
        if let zone = env["MEND_TIME_ZONE"], !zone.isEmpty {
            if (try? BusinessCalendar.allDay(in: zone)) != nil {
                config.timeZone = zone
            } else {
                problems.append("MEND_TIME_ZONE: must be an IANA time zone such as America/New_York")
            }
        }
        if let token = env["MEND_METRICS_TOKEN"], !token.isEmpty {
            if token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
                config.metricsToken = token
            } else {
                problems.append("MEND_METRICS_TOKEN: must be at least 16 characters, without spaces")
            }
        }
        readOperations(env, into: &config, problems: &problems)
        if !problems.isEmpty { throw ConfigError(problems: problems) }
        return config
    }
}

/// Start-up stops with every configuration problem listed.
public struct ConfigError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "Mend cannot start:\n" + problems.map { "  - " + $0 }.joined(separator: "\n") }
}
