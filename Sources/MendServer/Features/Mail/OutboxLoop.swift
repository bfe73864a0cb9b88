import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// Sends the outbox (email when SMTP is configured, webhooks always) every `interval` inside `mend serve`;
/// apart from the SLA loop, so a slow or unreachable mail server or receiver never delays a breach.
public final class OutboxLoop: LifecycleHandler, Sendable {
    private let interval: Duration
    private let loop = BackgroundLoop()

    public init(interval: Duration) { self.interval = interval }

    public func didBootAsync(_ app: Application) async throws {
        // Webhooks go out with or without SMTP; email waits in the outbox until SMTP is configured.
        let sender = OutboxSender(db: app.db, services: app.mend, smtp: app.mend.config.smtp, group: app.eventLoopGroup)
        let clock = app.mend.clock
        let interval = interval
        let logger = Logger(label: "mend.outbox")
        loop.start(interval: interval, rules: app.mend.process) {
            do {
                let sent = try await sender.tick(now: clock.now())
                if sent > 0 { logger.info("Sent \(sent) message(s)") }
            } catch {
                logger.error("Outbox pass failed: \(error)")
            }
        }
    }

    /// Finishes the pass under way: a message being sent is sent and marked, not sent twice after a restart.
    public func shutdownAsync(_ app: Application) async {
        await loop.stop()
    }
}
