import Fluent
import Foundation
import MendCore
import Vapor

/// `mend kpis generate`: a past year of tickets at scale on the demo's clients, staff and contracts, for the KPI
/// benchmarks (BENCHMARKS.md). Each ticket walks one of the demo's past-year paths (straight fixes, waits on parts,
/// vendors and clients, reassignments, onsite visits, reopens, escalations out, handoffs) through MendCore's
/// `Ticket`, as the demo does, with its events, time, verification and survey; a batch of tickets is one
/// transaction, each table's rows written with multi-row statements (`DemoBatch`). Their KPI facts are computed after, by `mend kpis rebuild`, which is the rebuild benchmark.
public enum DemoHistoryGenerator {
    /// Writes `tickets` tickets, `batch` to a transaction, calling `progress` with the count so far; the seconds it
    /// took. The database must hold the demo (`mend demo`): its clients and staff are the tickets', with `clients`
    /// and `engineers` more of each (`DemoScaleWorld`).
    public static func run(
        app: Application, tickets: Int, seed: UInt64, batch: Int = 1_000, clients: Int = 0, engineers: Int = 0,
        progress: @Sendable (Int) -> Void
    ) async throws -> Double {
        let started = Date()
        let now = app.mend.clock.now()
        try await app.mend.gate.transaction(on: app.db) { tx in
            try await DemoScaleWorld.extend(clients: clients, engineers: engineers, now: now, on: tx)
        }
        let world = try await loadWorld(on: app.db, sla: app.mend.sla, now: now)
        guard !world.companies.isEmpty, !world.engineers.isEmpty else {
            throw Abort(.badRequest, reason: "The database holds no demo clients and engineers: run `mend demo` first.")
        }
        let first = try await TicketModel.query(on: app.db).count()
        var rng = SeededGenerator(seed: seed)
        var done = 0
        while done < tickets {
            let count = min(batch, tickets - done)
            // Each batch draws its plans up front, so the transaction's closure owns its generator.
            var plans: [DemoPlan] = []
            for _ in 0..<count { plans.append(DemoSeeder.pastPlan(now: now, rng: &rng)) }
            let batchSeed = rng.next()
            let offset = first + done
            let drawn = plans
            try await app.mend.gate.transaction(on: app.db) { tx in
                var local = SeededGenerator(seed: batchSeed)
                let rows = DemoBatch()
                for (index, plan) in drawn.enumerated() {
                    try await DemoSeeder.createTicket(
                        index: offset + index, plan: plan, world: world, now: now, rng: &local, into: rows, on: tx)
                }
                try await rows.flush(on: tx)
            }
            done += count
            progress(done)
        }
        return Date().timeIntervalSince(started)
    }

    /// The demo's clients with their sites and contacts, its staff and queues, and each client's SLA settings.
    static func loadWorld(on db: any Database, sla: SlaParseCache, now: Date) async throws -> DemoSeeder.World {
        var companies: [(company: CompanyModel, sites: [SiteModel], contacts: [ContactModel])] = []
        for company in try await CompanyModel.query(on: db).sort(\.$name).all() {
            let sites = try await SiteModel.query(on: db).filter(\.$companyID == company.id!).sort(\.$name).all()
            let contacts = try await ContactModel.query(on: db).filter(\.$companyID == company.id!).sort(\.$name).all()
            guard !sites.isEmpty, !contacts.isEmpty else { continue }
            companies.append((company, sites, contacts))
        }
        var staff: [Principal] = []
        for user in try await UserModel.query(on: db).filter(\.$companyID == nil).filter(\.$active == true)
            .sort(\.$email).all()
        {
            if let principal = try await PrincipalLoader.principal(for: user, on: db) { staff.append(principal) }
        }
        var world = DemoSeeder.World(
            companies: companies, staff: staff,
            engineers: staff.filter { ["engineer", "on_call_engineer", "sme"].contains($0.roleKey) },
            queues: try await QueueModel.query(on: db).sort(\.$key).all())
        world.sla = try await SlaSettingsLoader(db: db, cache: sla).current(
            for: Set(companies.map { $0.company.id! }), today: LocalDate(now))
        return world
    }
}
