import Fluent
import Foundation
import MendCore
import SQLKit

/// Fills a database with open tickets for the scheduler benchmark (`mend-scheduler-bench`): a share of them
/// with a response warning and breach already due, the rest due days later. Rows go in with multi-row
/// inserts in the server's own storage format, with their rows in the timer queue, without events (a tick
/// never reads them).
public enum SlaBenchmarkFixture {
    /// Inserts `count` tickets for one new company; `dueEvery` = 100 makes 1% due at `now`: a P1 opened 12
    /// minutes earlier, whose response warning (at 75% of 15 minutes) is due and whose breach is not yet.
    /// `assigned` gives the due tickets an engineer, so each firing also notifies.
    /// Rows go in as a live server writes them, in the order the tickets opened: the due tickets (opened 12 minutes
    /// earlier) first. `interleaved` puts every due ticket among the others instead, so that on PostgreSQL, whose
    /// tables keep rows in write order, each due timer lies on a page of its own: the worst case for a tick.
    public static func fill(
        count: Int, dueEvery: Int, assigned: Bool = false, interleaved: Bool = false, now: Date, on db: any Database
    ) async throws {
        var user: UserModel?
        if assigned {
            let engineer = UserModel()
            engineer.email = "bench-\(UUID().uuidString.prefix(8).lowercased())@mend.example"
            engineer.name = "Bench Engineer"
            engineer.roleKey = "engineer"
            engineer.active = true
            try await engineer.create(on: db)
            user = engineer
        }
        let engineer = user?.id
        let company = CompanyModel()
        company.name = "Benchmark Co \(UUID().uuidString.prefix(6))"
        company.code = "B" + UUID().uuidString.prefix(7)
        company.timezone = "UTC"
        try await company.create(on: db)
        let calendar = BusinessCalendar.always
        func template(openedAgo seconds: Double, priority: Priority) throws -> (String, Date?, Date?, [SlaTimer]) {
            let ticket = TicketModel(openedAt: now.addingTimeInterval(-seconds))
            ticket.priority = priority.rawValue
            let settings = SlaSettings(contractID: nil, policy: .standard, calendar: calendar, calendarText: calendar.jsonText)
            try SlaRefresh.apply(history: SlaHistory(start: ticket.createdAt), settings: settings, to: ticket, now: now)
            // The timers as a later reader of the stored text sees them.
            let heads = SlaTimerQueue.rows(of: SlaRefresh.snapshot(of: ticket)!, fired: [])
            return (ticket.slaClocks!, ticket.slaDueAt, ticket.slaWarnAt, heads)
        }
        let due = try template(openedAgo: 12 * 60, priority: .p1)
        let later = try template(openedAgo: 0, priority: .p4)
        let first = try await TicketNumberSequence.next(count, on: db)
        let columns = [
            "id", "number", "summary", "description", "impact", "urgency", "priority", "source", "status", "company_id",
            "restored_tested", "verification_attempted", "minutes_logged", "reopen_count", "version", "created_at",
            "updated_at", "sla_clocks", "sla_fired", "sla_due_at", "sla_warn_at", "assignee_id",
        ]
        let dueCount = (count + dueEvery - 1) / dueEvery
        let chunk = 1_000
        var index = 0
        while index < count {
            let range = index..<min(count, index + chunk)
            try await db.transaction { tx in
                let sql = try tx.sql
                let insert = sql.insert(into: TicketModel.schema).columns(columns)
                var timers: [SlaTimerRows.Row] = []
                for i in range {
                    let isDue = interleaved ? i % dueEvery == 0 : i < dueCount
                    let (clocks, dueAt, warnAt, heads) = isDue ? due : later
                    let id = UUID()
                    for timer in heads {
                        timers.append(
                            SlaTimerRows.Row(
                                at: timer.at, ticket_id: id, key: timer.key, deadline: timer.deadline,
                                priority: isDue ? "p1" : "p4", assignee_id: isDue ? engineer : nil, version: 1))
                    }
                    insert.values([
                        SQLBind(id), SQLBind(first[i]), SQLBind("Benchmark ticket \(i)"), SQLBind(""),
                        SQLBind("high"), SQLBind("high"), SQLBind(isDue ? "p1" : "p4"), SQLBind("monitoring_alert"),
                        SQLBind("new"), SQLBind(company.id!), SQLBind(false), SQLBind(false), SQLBind(0), SQLBind(0),
                        SQLBind(1), SQLBind(now), SQLBind(now), SQLBind(clocks), SQLBind(""),
                        SQLBind(dueAt), SQLBind(warnAt), SQLBind(isDue ? engineer : nil),
                    ])
                }
                try await insert.run()
                try await SlaTimerRows.insert(timers, on: tx)
            }
            index += chunk
        }
    }
}
