import Fluent
import Foundation
import MendCore
import SQLKit
import Synchronization

/// What a creation batch reads besides its tickets: each company's SLA settings for the day and the escalation
/// policies. On SQLite they are kept between batches while the settings counter (M017, moved by triggers on
/// every change to the tables they come from) stands still; at full creation load the three reads were a third
/// of each batch's statements on the single writer. On PostgreSQL every batch reads them. Only creation
/// transactions read through it, and they never write those tables, so what it keeps was committed: a
/// transaction that changed them and rolled back could otherwise leave rows behind under a counter value
/// that a later change reaches again.
final class CreationReads: Sendable {
    private struct Kept {
        var generation: Int
        var day: LocalDate
        var settings: [UUID: SlaSettings] = [:]
        var policies: [TicketWatchScheduler.Policy]?
    }

    private let kept = Mutex<Kept?>(nil)

    /// The settings of `companies` for tickets opened `today`, and the escalation policies, as of `tx`.
    func read(companies: Set<UUID>, today: LocalDate, on tx: any Database, sla: SlaParseCache) async throws -> (
        settings: [UUID: SlaSettings], policies: [TicketWatchScheduler.Policy]
    ) {
        let loader = SlaSettingsLoader(db: tx, cache: sla)
        guard let generation = try await Self.generation(on: tx) else {
            return (try await loader.current(for: companies, today: today), try await TicketWatchScheduler.policies(on: tx))
        }
        var current =
            kept.withLock { $0 }.flatMap { $0.generation == generation && $0.day == today ? $0 : nil }
            ?? Kept(generation: generation, day: today)
        let missing = companies.subtracting(current.settings.keys)
        if !missing.isEmpty {
            current.settings.merge(try await loader.current(for: missing, today: today)) { _, read in read }
        }
        let policies: [TicketWatchScheduler.Policy]
        if let known = current.policies {
            policies = known
        } else {
            policies = try await TicketWatchScheduler.policies(on: tx)
            current.policies = policies
        }
        kept.withLock { $0 = current }
        return (current.settings, policies)
    }

    /// The settings counter on SQLite; nil on PostgreSQL (or before M017).
    private static func generation(on db: any Database) async throws -> Int? {
        let sql = try db.sql
        guard sql.dialect.name == "sqlite" else { return nil }
        return try await sql.raw("SELECT value FROM counters WHERE name = 'settings'").first()?
            .decode(column: "value", as: Int.self)
    }
}
