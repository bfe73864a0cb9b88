import Fluent
import Foundation
import MendCore
import SQLKit

/// Reads the stored facts behind a KPI query: the rows of the tickets with a measure ended in the period or the one
/// before, cut as asked. Figures are MendCore's `KpiFigures` over these rows; nothing is replayed.
struct KpiReads {
    let db: any Database

    /// A facts row with the names the export shows.
    struct Named: Decodable {
        var ticket_id: UUID
        var number: Int
        var summary: String
        var source: String
        var company_name: String
        var queue_name: String?
        var first_assignee_name: String?
        var resolved_by_name: String?
        var priority: String
        var type: String?
        var facts: String
    }

    /// A facts row read for figures, with the names a page shows beside them.
    struct Loaded {
        var named: Named
        var row: KpiRow
    }

    /// The figures of the query's period and of the one before, added up in SQL: from the daily totals when `daily`
    /// is given and they can answer (`KpiDailyTotals`), else from the facts rows (`KpiAggregates`).
    func figures(_ query: KpiQuery, daily: KpiDaily? = nil) async throws -> (current: KpiFigures, previous: KpiFigures) {
        let both = try await figures(query, periods: [query.previous, query.period], daily: daily)
        return (both[1], both[0])
    }

    /// The figures of each of `periods` (in order, none overlapping) with the query's cuts, as a trend: from the
    /// daily totals when they can answer, else from the facts rows, two periods to a pass.
    func figures(_ query: KpiQuery, periods: [KpiPeriod], daily: KpiDaily? = nil) async throws -> [KpiFigures] {
        defer { MemoryTrim.afterLargeRead() }
        if let daily {
            try await daily.refresh()
            if let figures = try await KpiDailyTotals(sql: try db.sql, zone: daily.zone).figures(query, periods: periods) {
                return figures
            }
        }
        var figures: [KpiFigures] = []
        for start in stride(from: 0, to: periods.count, by: 2) {
            // `KpiAggregates` reads the rows from the start of `previous` to the end of `period`.
            var pair = query
            pair.previous = periods[start]
            pair.period = periods[min(start + 1, periods.count - 1)]
            let totals = try await KpiAggregates(db: db).totals(pair)
            // A last period alone is asked as both; the grouped sums give a row to the first of equal periods.
            if start + 1 < periods.count { figures.append(KpiFigures(totals: totals.previous)) }
            figures.append(KpiFigures(totals: totals.current))
        }
        return figures
    }

    /// Every row of the query with an end between `from` and `to`, decoded.
    func load(_ query: KpiQuery, from: Date, to: Date) async throws -> [Loaded] {
        var rows: [Loaded] = []
        try await scan(query, from: from, to: to) { page in
            for named in page { rows.append(try Self.loaded(named)) }
        }
        return rows
    }

    /// A facts row with its names, its facts decoded.
    static func loaded(_ named: Named) throws -> Loaded {
        Loaded(
            named: named,
            row: KpiRow(
                facts: try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data(named.facts.utf8)),
                priority: try StoredValue.read(Priority.self, named.priority, column: "priority"), type: named.type))
    }

    /// The conditions of the query's cuts on the facts rows (aliased `f`).
    static func cutFilters(_ query: KpiQuery) -> [SQLQueryString] {
        var filters: [SQLQueryString] = []
        if let id = query.companyID { filters.append("f.company_id = \(bind: id)") }
        if let priority = query.priority { filters.append("f.priority = \(bind: priority.rawValue)") }
        if let id = query.queueID { filters.append("f.queue_id = \(bind: id)") }
        if let id = query.engineerID {
            filters.append("(f.resolved_by = \(bind: id) OR f.first_assignee = \(bind: id))")
        }
        if let type = query.type { filters.append("f.type = \(bind: type)") }
        if let channel = query.channel { filters.append("f.channel = \(bind: channel)") }
        return filters
    }

    /// Calls `body` with pages of the rows whose ends lie between `from` and `to`, in ticket order, so an export
    /// of any size is written as it is read.
    func scan(_ query: KpiQuery, from: Date, to: Date, page: Int = 1_000, _ body: ([Named]) async throws -> Void)
        async throws
    {
        var after: UUID?
        while true {
            var filters: [SQLQueryString] = [
                "f.last_end_at >= \(bind: from)", "f.first_end_at < \(bind: to)",
            ]
            if let after { filters.append("f.ticket_id > \(bind: after)") }
            filters += Self.cutFilters(query)
            let rows = try await db.sql.raw(
                """
                SELECT f.ticket_id, t.number, t.summary, t.source, c.name AS company_name, q.name AS queue_name,
                a.name AS first_assignee_name, r.name AS resolved_by_name, f.priority, f.type, f.facts
                FROM ticket_kpi_facts f JOIN tickets t ON t.id = f.ticket_id JOIN companies c ON c.id = f.company_id
                LEFT JOIN queues q ON q.id = f.queue_id LEFT JOIN users a ON a.id = f.first_assignee
                LEFT JOIN users r ON r.id = f.resolved_by
                WHERE \(filters.joined(separator: " AND ")) ORDER BY f.ticket_id LIMIT \(unsafeRaw: String(page))
                """
            ).all(decoding: Named.self)
            guard let last = rows.last else { return }
            try await body(rows)
            if rows.count < page { return }
            after = last.ticket_id
        }
    }
}
