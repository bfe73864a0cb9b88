import Fluent
import Foundation
import MendCore
import PostgresNIO

/// The notifications of a tick's firings, written in its transaction.
extension SlaScheduler {
    /// Tells the assignee of each warning and breach; an unassigned P1/P2 breach goes to the service managers.
    /// Written with the events, so a notification exists exactly when its firing does.
    func notify(_ firings: [Firing], now: Date, on tx: any Database) async throws {
        let notifier = Notifier(db: tx, services: services)
        let wanted = firings.filter { firing in
            firing.assigneeID != nil || (firing.timer.isBreach && Self.managedPriorities.contains(firing.priority))
        }
        guard !wanted.isEmpty else { return }
        let labels = try await Self.labels(of: wanted.filter { $0.label == nil }.map(\.ticketID), on: tx)
        let assignees = try await notifier.staff(ids: Array(Set(wanted.compactMap(\.assigneeID))))
        let byID = Dictionary(uniqueKeysWithValues: assignees.map { ($0.id!, $0) })
        let managers = wanted.contains { $0.assigneeID == nil } ? try await notifier.staff(roles: ["service_manager"]) : []
        let onCall = try await notifier.onCall(at: now)
        var rows: [NotificationModel] = []
        for firing in wanted {
            guard let (number, summary) = firing.label ?? labels[firing.ticketID] else { continue }
            let timer = firing.timer
            let people = firing.assigneeID.map { byID[$0].map { [$0] } ?? [] } ?? managers
            let label = "\(TicketNumber.format(number)) \(firing.priority.uppercased()): \(summary)"
            let deadline = timer.deadline.map { UTCText.format($0) }
            if timer.clock == .update {
                // The update clock is a to-do, not a target to watch: the reminder says what to do by when.
                rows += notifier.rows(
                    to: people, ticketID: firing.ticketID, priority: Priority(rawValue: firing.priority), kind: "update_due",
                    title: (timer.isBreach ? "Client update overdue: " : "Client update due: ") + label,
                    body: "Send the client a status update"
                        + (deadline.map { timer.isBreach ? " (it was due \($0))." : " by \($0)." } ?? ".")
                        + " The ticket page's Client messages panel has it ready from the template.",
                    onCall: onCall, now: now)
                continue
            }
            let what = timer.isBreach ? "SLA breached" : "SLA warning"
            rows += notifier.rows(
                to: people, ticketID: firing.ticketID, priority: Priority(rawValue: firing.priority),
                kind: timer.isBreach ? "sla_breached" : "sla_warning", title: "\(what): \(label)",
                body: "\(timer.clock.title) clock " + (timer.isBreach ? "is past its target." : "is near its target.")
                    + (deadline.map { " Deadline \($0)." } ?? ""),
                onCall: onCall, now: now)
        }
        try await Notifier.insert(rows, on: tx)
    }

    /// Number and summary of the tickets a notification names, read only for those.
    private static func labels(of ids: [UUID], on tx: any Database) async throws -> [UUID: (Int, String)] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        var result: [UUID: (Int, String)] = [:]
        // Read past SQLKit's Decodable rows: a tick that notifies reads thousands of labels.
        if let sqlite = SQLiteBulk.database(tx) {
            for start in stride(from: 0, to: unique.count, by: 30_000) {
                let chunk = unique[start..<min(unique.count, start + 30_000)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try await sqlite.query(
                    "SELECT id, number, summary FROM tickets WHERE id IN (\(marks))", chunk.map { .id($0) })
                {
                    guard let id = row.column("id")?.id, let number = row.column("number")?.integer,
                        let summary = row.column("summary")?.string
                    else { continue }
                    result[id] = (number, summary)
                }
            }
            return result
        }
        var binds = PostgresBindings()
        binds.append(unique)
        return try await PostgresBulk.query(
            "SELECT id, number, summary FROM tickets WHERE id = ANY($1::uuid[])", binds,
            on: PostgresBulk.database(tx).guaranteed("a PostgreSQL connection")
        ) { rows in
            var result: [UUID: (Int, String)] = [:]
            for try await (id, number, summary) in rows.decode((UUID, Int, String).self) { result[id] = (number, summary) }
            return result
        }
    }
}
