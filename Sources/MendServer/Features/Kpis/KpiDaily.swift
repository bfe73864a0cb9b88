import Fluent
import Foundation
import MendCore
import SQLKit

/// Keeps `kpi_daily` in step with the facts, lazily: before figures are read from it, the days recorded as changed
/// (`kpi_daily_stale`, written with the facts) are added up again, and everything is when the MSP's time zone is not
/// the one the rows were built in. One refresh at a time: SQLite's write gate, PostgreSQL's advisory lock.
struct KpiDaily {
    let db: any Database
    let gate: WriteGate
    /// The MSP's time zone (`MEND_TIME_ZONE`), whose days the rows are.
    let zoneName: String
    let zone: BusinessCalendar

    init(db: any Database, gate: WriteGate, timeZone: String) throws {
        self.db = db
        self.gate = gate
        zoneName = timeZone
        zone = try BusinessCalendar.allDay(in: timeZone)
    }

    private struct State: Decodable { var time_zone: String }
    private struct Stale: Decodable {
        var id: UUID
        var at: Date
    }
    private struct Bounds: Decodable {
        var first: Date?
        var last: Date?
    }

    /// Brings the daily rows up to date with the facts; a read when nothing changed.
    func refresh() async throws {
        guard try await needsWork(try db.sql) else { return }
        let daily = self
        try await gate.transaction(on: db) { tx in try await daily.update(try tx.sql) }
    }

    private func needsWork(_ sql: any SQLDatabase) async throws -> Bool {
        let state = try await sql.raw("SELECT time_zone FROM \(unsafeRaw: KpiDailyColumns.stateTable) WHERE id = 1")
            .first(decoding: State.self)
        guard state?.time_zone == zoneName else { return true }
        return try await sql.raw("SELECT id, at FROM \(unsafeRaw: KpiDailyColumns.staleTable) LIMIT 1")
            .first(decoding: Stale.self) != nil
    }

    private func update(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            // Servers sharing a database add up one at a time; the one that waited finds little left to do.
            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.lockKey)))").run()
        }
        let state = try await sql.raw("SELECT time_zone FROM \(unsafeRaw: KpiDailyColumns.stateTable) WHERE id = 1")
            .first(decoding: State.self)
        if state?.time_zone == zoneName {
            let stale = try await sql.raw("SELECT id, at FROM \(unsafeRaw: KpiDailyColumns.staleTable)")
                .all(decoding: Stale.self)
            let days = Set(stale.map { KpiDays.day(of: $0.at, zone: zone) })
            for run in Self.runs(days) { try await KpiDailyBuild.build(days: run, zone: zone, on: sql) }
            for start in stride(from: 0, to: stale.count, by: 1_000) {
                let ids = stale[start..<min(start + 1_000, stale.count)].map(\.id)
                try await sql.raw("DELETE FROM \(unsafeRaw: KpiDailyColumns.staleTable) WHERE id IN (\(binds: ids))").run()
            }
            return
        }
        for table in [
            KpiDailyColumns.table, KpiDailyColumns.allTable, KpiDailyColumns.breachTable, KpiDailyColumns.staleTable,
        ] {
            try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
        }
        let bounds = try await sql.raw(
            "SELECT MIN(first_end_at) AS first, MAX(last_end_at) AS last FROM \(unsafeRaw: KpiFactRows.table)"
        ).first(decoding: Bounds.self)
        if let first = bounds?.first, let last = bounds?.last {
            try await KpiDailyBuild.build(
                days: KpiDays.day(of: first, zone: zone)...KpiDays.day(of: last, zone: zone), zone: zone,
                everything: true, on: sql)
        }
        try await sql.raw("DELETE FROM \(unsafeRaw: KpiDailyColumns.stateTable)").run()
        try await sql.raw(
            "INSERT INTO \(unsafeRaw: KpiDailyColumns.stateTable) (id, time_zone) VALUES (1, \(bind: zoneName))"
        ).run()
    }

    /// "kpi_daily" read as a number, for `pg_advisory_xact_lock`.
    static let lockKey = 0x6B70_6964_6169_6C79

    /// The days as runs of consecutive days, in order.
    static func runs(_ days: Set<Int>) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for day in days.sorted() {
            if let last = runs.last, last.upperBound + 1 == day {
                runs[runs.count - 1] = last.lowerBound...day
            } else {
                runs.append(day...day)
            }
        }
        return runs
    }
}
