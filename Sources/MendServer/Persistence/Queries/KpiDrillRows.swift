import Fluent
import Foundation
import MendCore
import SQLKit

/// The tickets behind one figure, a page at a time: MendCore's `KpiDrill` as a condition on the facts columns,
/// ordered by the instant that put each ticket in the figure. A server test checks, for every drill, that the
/// condition picks exactly the tickets `KpiDrill.includes` does, so a list has as many rows as its figure.
struct KpiDrillRows {
    let db: any Database

    /// The rows of `page` (from 1) of `size`, and how many there are in all.
    func page(_ query: KpiQuery, drill: KpiDrill, page: Int, size: Int) async throws -> (
        total: Int, rows: [KpiReads.Loaded]
    ) {
        let filters = [Self.condition(drill, query.period)] + KpiReads.cutFilters(query)
        let sql = try db.sql
        struct Count: Decodable { var n: Int }
        let total =
            try await sql.raw(
                "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM ticket_kpi_facts f WHERE \(filters.joined(separator: " AND "))"
            ).first(decoding: Count.self)?.n ?? 0
        let named = try await sql.raw(
            """
            SELECT f.ticket_id, t.number, t.summary, t.source, c.name AS company_name, q.name AS queue_name,
            a.name AS first_assignee_name, r.name AS resolved_by_name, f.priority, f.type, f.facts
            FROM ticket_kpi_facts f JOIN tickets t ON t.id = f.ticket_id JOIN companies c ON c.id = f.company_id
            LEFT JOIN queues q ON q.id = f.queue_id LEFT JOIN users a ON a.id = f.first_assignee
            LEFT JOIN users r ON r.id = f.resolved_by
            WHERE \(filters.joined(separator: " AND "))
            ORDER BY f.\(unsafeRaw: Self.anchor(drill)), f.ticket_id
            LIMIT \(unsafeRaw: String(size)) OFFSET \(unsafeRaw: String((page - 1) * size))
            """
        ).all(decoding: KpiReads.Named.self)
        return (total, try named.map(KpiReads.loaded))
    }

    /// The facts column whose instant in the period puts a ticket behind the figure.
    static func anchor(_ drill: KpiDrill) -> String {
        switch drill {
        case .response: KpiFactColumns.at(.response)
        case .restoration: KpiFactColumns.at(.restoration)
        case .resolution, .reopens, .firstContact: KpiFactColumns.at(.resolution)
        case .compliance(let clock), .breaches(let clock): KpiFactColumns.outcomeAt(clock)
        case .satisfaction: "survey_sent_at"
        case .leftTier2: "exited_at"
        }
    }

    /// `KpiDrill.includes` on the facts columns (aliased `f`).
    static func condition(_ drill: KpiDrill, _ period: KpiPeriod) -> SQLQueryString {
        let anchor = anchor(drill)
        let within: SQLQueryString =
            "f.\(unsafeRaw: anchor) >= \(bind: period.start) AND f.\(unsafeRaw: anchor) < \(bind: period.end)"
        switch drill {
        case .response, .restoration, .resolution, .reopens, .satisfaction, .leftTier2:
            return within
        case .compliance(let clock):
            return "\(within) AND f.\(unsafeRaw: KpiFactColumns.outcome(clock)) IN ('met', 'breached', 'transferred')"
        case .breaches(let clock):
            return """
                \(within) AND EXISTS (SELECT 1 FROM \(unsafeRaw: KpiFactColumns.breachTable) b
                WHERE b.ticket_id = f.ticket_id AND b.clock = \(bind: clock.rawValue))
                """
        case .firstContact:
            return "\(within) AND f.fcr IS NOT NULL"
        }
    }
}
