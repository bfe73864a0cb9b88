import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// Runs the SLA scheduler, the escalation watch, the follow-up reminders and the monthly client reviews every `interval` inside `mend serve`; stops with the application.
public final class SlaSchedulerLoop: LifecycleHandler, Sendable {
    private let interval: Duration
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

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
        task.withLockedValue {
            $0 = Task {
                // Monthly reviews fall due once a month: a look each minute is plenty. The KPI daily totals are
                // brought up to date as often, so the days changed between reports stay few.
                var reviewsChecked = Date.distantPast
                while !Task.isCancelled {
                    do {
                        let fired = try await scheduler.tick(now: clock.now())
                        if fired > 0 { logger.info("SLA scheduler fired \(fired) warnings and breaches") }
                        let actions = try await watch.tick(now: clock.now())
                        if actions > 0 { logger.info("Escalation watch ran \(actions) actions") }
                        let reminders = try await followUps.tick(now: clock.now())
                        if reminders > 0 { logger.info("Sent \(reminders) follow-up reminders") }
                        let now = clock.now()
                        if now.timeIntervalSince(reviewsChecked) >= 60 {
                            reviewsChecked = now
                            let mailed = try await reviews.tick(now: now)
                            if mailed > 0 { logger.info("Mailed the monthly service review of \(mailed) client(s)") }
                            try await daily.refresh()
                        }
                    } catch {
                        // A failed tick rolls back; what it claimed is due again on the next one.
                        logger.error("SLA scheduler tick failed: \(error)")
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    public func shutdownAsync(_ app: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}
