import Fluent
import Foundation
import MendCore
import SQLKit

/// Reads a ticket's stored events into MendCore's `TicketHistory`: the one input of its SLA clocks and its KPI facts.
enum TicketHistoryLoader {
    /// An event as stored, with the columns the history reads.
    struct Row: Sendable {
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
        guard let id = ticket.id else { throw Problem.notFound("ticket") }
        return history(ticket: ticket, events: try await events(of: [id], on: try db.sql)[id] ?? [])
    }

    /// The events of each of `tickets`, in the order they were written. Columns are read one by one rather than
    /// through `Decodable`: at ten million events, its generic decoding was a sixth of a rebuild.
    static func events(of tickets: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [Row]] {
        let rows = try await sql.raw(
            """
            SELECT ticket_id, kind, visibility, at, actor_id, before, after FROM events
            WHERE ticket_id IN (\(binds: tickets)) AND kind IN (\(binds: Self.kinds)) ORDER BY ticket_id, seq
            """
        ).all()
        var result: [UUID: [Row]] = [:]
        for row in rows {
            result[try row.decode(column: "ticket_id", as: UUID.self), default: []].append(
                Row(
                    kind: try row.decode(column: "kind", as: String.self),
                    visibility: try row.decode(column: "visibility", as: String.self),
                    at: try row.decode(column: "at", as: Date.self),
                    actor_id: try row.decode(column: "actor_id", as: UUID?.self),
                    before: try row.decode(column: "before", as: String?.self),
                    after: try row.decode(column: "after", as: String?.self)))
        }
        return result
    }

    /// The history of `events` in the order they were written.
    static func history(ticket: TicketModel, events: [Row]) -> TicketHistory {
        history(start: ticket.slaStart ?? ticket.createdAt, events: events, currentAssignee: ticket.assigneeID)
    }

    /// The history of a ticket whose clocks started at `start`, from `events` in the order they were written.
    static func history(start: Date, events: [Row], currentAssignee: UUID?) -> TicketHistory {
        TicketHistory(start: start, events: historyEvents(events), currentAssignee: currentAssignee)
    }

    /// What the clocks and the KPI facts read of `events`, in the same order; the kinds they do not read are left out.
    static func historyEvents(_ events: [Row]) -> [HistoryEvent] {
        events.compactMap {
            HistoryEvent(
                kind: $0.kind, visibility: $0.visibility, at: $0.at, actor: $0.actor_id, before: fields($0.before),
                after: fields($0.after))
        }
    }

    /// The fields an event stored as a JSON object of strings; none when absent or not such an object. The flat
    /// reader comes first: `JSONDecoder` took an eighth of a rebuild's time for ten million such texts.
    static func fields(_ text: String?) -> [String: String] {
        guard let text else { return [:] }
        return FlatJSONObject.parse(text)?.strings
            ?? (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}

extension TicketHistoryLoader.Row {
    init(_ event: EventModel) {
        self.init(
            kind: event.kind, visibility: event.visibility, at: event.at, actor_id: event.actorID, before: event.before,
            after: event.after)
    }

    init(_ event: EventRow) {
        self.init(
            kind: event.kind, visibility: event.visibility, at: event.at, actor_id: event.actorID, before: event.before,
            after: event.after)
    }
}
