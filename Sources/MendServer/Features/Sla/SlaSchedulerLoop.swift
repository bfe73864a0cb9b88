import Foundation
import Logging
import MendCore
import NIOConcurrencyHelpers
import Vapor

/// Runs the SLA scheduler, the escalation watch, the follow-up reminders and the monthly client reviews every `interval` inside `mend serve`; stops with the application.
public final class SlaSchedulerLoop: LifecycleHandler, Sendable {
    private let interval: Duration
    private let loop = BackgroundLoop()

    public init(interval: Duration) { self.interval = interval }

    public func didBootAsync(_ app: Application) async throws {
        let scheduler = SlaScheduler(db: app.db, services: app.mend)
        let watch = TicketWatchScheduler(db: app.db, services: app.mend)
        let followUps = FollowUpScheduler(db: app.db, services: app.mend)
        let reviews = ClientReviewScheduler(db: app.db, services: app.mend)
        let daily = try KpiDaily(db: app.db, gate: app.mend.gate, timeZone: app.mend.config.timeZone)
        let clock = app.mend.clock
        let interval = interval
        let logger = Logger(label: "mend.sla")
        // Monthly reviews fall due once a month: a look each minute is plenty. The KPI daily totals are brought up to
        // date as often, so the days changed between reports stay few.
        let reviewsChecked = NIOLockedValueBox(Date.distantPast)
        let process = app.mend.process
        let db = app.db
        loop.start(interval: interval, rules: process) {
            do {
                // A version another server applied reaches this one's pages within a tick, writes or not.
                try await ProcessStore.refresh(process, on: db)
                let fired = try await scheduler.tick(now: clock.now())
                if fired > 0 { logger.info("SLA scheduler fired \(fired) warnings and breaches") }
                let actions = try await watch.tick(now: clock.now())
                if actions > 0 { logger.info("Escalation watch ran \(actions) actions") }
                let reminders = try await followUps.tick(now: clock.now())
                if reminders > 0 { logger.info("Sent \(reminders) follow-up reminders") }
                let now = clock.now()
                if now.timeIntervalSince(reviewsChecked.withLockedValue { $0 }) >= 60 {
                    reviewsChecked.withLockedValue { $0 = now }
                    let mailed = try await reviews.tick(now: now)
                    if mailed > 0 { logger.info("Mailed the monthly service review of \(mailed) client(s)") }
                    try await daily.refresh()
                }
            } catch {
                // A failed tick rolls back; what it claimed is due again on the next one.
                logger.error("SLA scheduler tick failed: \(error)")
            }
        }
    }

    /// Finishes the tick under way, so what it claimed is fired and committed rather than left for another server.
    public func shutdownAsync(_ app: Application) async {
        await loop.stop()
    }
}
