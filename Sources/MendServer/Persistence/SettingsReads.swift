import Fluent
import Foundation
import MendCore
import SQLKit
import Synchronization

/// What a ticket write reads besides its tickets: the SLA settings (each company's for the day, or a contract's)
/// and the escalation policies. They are kept between writes while the settings counter (M017 on SQLite, M026 on
/// PostgreSQL, moved by triggers on every change to the tables they come from, in the changing transaction) stands
/// still; at full creation load the three reads were a third of each batch's statements on SQLite's single writer,
/// and a change made four of them. The counter is read before the settings, so settings read under a counter value
/// are never older than it. Only ticket writes (creations and changes) read through it, and they never write those
/// tables, so what it keeps was committed: a transaction that changed them and rolled back could otherwise leave
/// rows behind under a counter value that a later change reaches again.
final class SettingsReads: Sendable {
    private struct Kept {
        var generation: Int
        var day: LocalDate
        var settings: [UUID: SlaSettings] = [:]
        var contracts: [UUID: SlaSettings] = [:]
        var policies: [TicketWatchScheduler.Policy]?
    }

    private let kept = Mutex<Kept?>(nil)
    /// The process rules this server enforces: applying a version moves the counter too (M028), so a write that
    /// finds the counter moved checks for a newer version before it runs.
    private let process: ProcessRulesSource

    init(process: ProcessRulesSource) { self.process = process }

    /// The settings of `companies` for tickets opened `today`, and the escalation policies, as of `tx`.
    func read(companies: Set<UUID>, today: LocalDate, on tx: any Database, sla: SlaParseCache) async throws -> (
        settings: [UUID: SlaSettings], policies: [TicketWatchScheduler.Policy]
    ) {
        let loader = SlaSettingsLoader(db: tx, cache: sla)
        guard var current = try await self.current(today: today, on: tx) else {
            return (try await loader.current(for: companies, today: today), try await TicketWatchScheduler.policies(on: tx))
        }
        let missing = companies.subtracting(current.settings.keys)
        if !missing.isEmpty {
            current.settings.merge(try await loader.current(for: missing, today: today)) { _, read in read }
        }
        let policies = try await self.policies(&current, on: tx)
        kept.withLock { $0 = current }
        return (current.settings, policies)
    }

    /// The settings of a changed ticket (its own contract's when it has one, else its company's for `today`), and
    /// the escalation policies, as of `tx`.
    func read(contractID: UUID?, companyID: UUID, today: LocalDate, on tx: any Database, sla: SlaParseCache)
        async throws -> (settings: SlaSettings, policies: [TicketWatchScheduler.Policy])
    {
        let loader = SlaSettingsLoader(db: tx, cache: sla)
        guard var current = try await self.current(today: today, on: tx) else {
            return (
                try await loader.forTicket(contractID: contractID, companyID: companyID, today: today),
                try await TicketWatchScheduler.policies(on: tx)
            )
        }
        // A ticket under a contract reads that contract's settings; one without, its company's for the day.
        let known = if let contractID { current.contracts[contractID] } else { current.settings[companyID] }
        let settings: SlaSettings
        if let known {
            settings = known
        } else {
            settings = try await loader.forTicket(contractID: contractID, companyID: companyID, today: today)
            // A contract that is gone falls back to the company's settings of the day: kept under the company then.
            if let contractID, settings.contractID == contractID {
                current.contracts[contractID] = settings
            } else if contractID == nil {
                current.settings[companyID] = settings
            }
        }
        let policies = try await self.policies(&current, on: tx)
        kept.withLock { $0 = current }
        return (settings, policies)
    }

    /// The escalation policies as of `tx`.
    func policies(on tx: any Database) async throws -> [TicketWatchScheduler.Policy] {
        guard let generation = try await Self.generation(on: tx) else { return try await TicketWatchScheduler.policies(on: tx) }
        let known = kept.withLock { $0 }
        if known?.generation != generation { try await ProcessStore.refresh(process, on: tx) }
        var current =
            known.flatMap { $0.generation == generation ? $0 : nil }
            ?? Kept(generation: generation, day: LocalDate(daysSinceEpoch: 0))
        let policies = try await self.policies(&current, on: tx)
        kept.withLock { $0 = current }
        return policies
    }

    /// What is kept for the counter's value and `today`; nil where nothing can be kept (no counter yet).
    private func current(today: LocalDate, on tx: any Database) async throws -> Kept? {
        guard let generation = try await Self.generation(on: tx) else { return nil }
        let known = kept.withLock { $0 }
        if let known, known.generation == generation, known.day == today { return known }
        if known?.generation != generation { try await ProcessStore.refresh(process, on: tx) }
        return Kept(generation: generation, day: today)
    }

    private func policies(_ current: inout Kept, on tx: any Database) async throws -> [TicketWatchScheduler.Policy] {
        if let known = current.policies { return known }
        let policies = try await TicketWatchScheduler.policies(on: tx)
        current.policies = policies
        return policies
    }

    /// The settings counter; nil before M017 (SQLite) or M026 (PostgreSQL).
    private static func generation(on db: any Database) async throws -> Int? {
        try await db.sql.raw("SELECT value FROM counters WHERE name = 'settings'").first()?
            .decode(column: "value", as: Int.self)
    }
}
