import Fluent
import Foundation
import MendCore
import SQLKit

/// Reads a ticket's stored events into MendCore's `TicketHistory`: the one input of its SLA clocks and its KPI facts.
enum TicketHistoryLoader {
    /// An event as stored, with the columns the history reads.
    struct Row: Decodable {
        var kind: String
        var visibility: String
        var at: Date
        var actor_id: UUID?
        var before: String?
        var after: String?
    }

    /// Only the kinds the history reads: a noisy alert's thousand repeats are not read at all.
    static let kinds = HistoryEvent.kinds.map(\.rawValue)

    static func load(for ticket: TicketModel, on db: any Database) async throws -> TicketHistory {
        let rows = try await db.sql.select()
            .columns("kind", "visibility", "at", "actor_id", "before", "after").from(EventModel.schema)
            .where("ticket_id", .equal, ticket.id!).where("kind", .in, Self.kinds).orderBy("seq").all(decoding: Row.self)
        return history(ticket: ticket, events: rows)
    }

    /// The history of `events` in the order they were written.
    static func history(ticket: TicketModel, events: [Row]) -> TicketHistory {
        let decoder = JSONDecoder()
        func fields(_ text: String?) -> [String: String] {
            text.flatMap { try? decoder.decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        }
        return TicketHistory(
            start: ticket.slaStart ?? ticket.createdAt,
            events: events.compactMap {
                HistoryEvent(
                    kind: $0.kind, visibility: $0.visibility, at: $0.at, actor: $0.actor_id, before: fields($0.before),
                    after: fields($0.after))
            }, currentAssignee: ticket.assigneeID)
    }
}

extension TicketHistoryLoader.Row {
    init(_ event: EventModel) {
        self.init(
            kind: event.kind, visibility: event.visibility, at: event.at, actor_id: event.actorID, before: event.before,
            after: event.after)
    }
}
