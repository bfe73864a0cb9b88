import Foundation
import MendCore
import Vapor

/// `mend kpis rebuild`: every ticket's KPI facts recomputed from its events, as after a change of definitions.
public enum KpiRebuild {
    /// Rebuilds all facts rows, then the daily totals from them; the number of tickets and the seconds it took.
    public static func run(app: Application) async throws -> (tickets: Int, seconds: Double) {
        let started = Date()
        let now = app.mend.clock.now()
        let count = try await KpiFactsStore(db: app.db, sla: app.mend.sla).rebuild(
            gate: app.mend.gate, today: LocalDate(now), now: now)
        try await KpiDaily(db: app.db, gate: app.mend.gate, timeZone: app.mend.config.timeZone).refresh()
        return (count, Date().timeIntervalSince(started))
    }
}
