import Fluent
import Foundation
import MendCore
import SQLKit

/// Reads a ticket's events and turns them into the facts the clocks replay (MendCore `SlaHistory`).
enum SlaHistoryLoader {
    private struct Row: Decodable {
        var kind: String
        var visibility: String
        var at: Date
        var after: String?
    }

    /// The only event kinds a clock depends on: a noisy alert's thousand repeats are not read at all.
    static let kinds = [EventKind.created, .statusChanged, .reopened, .noteAdded, .clientMessage].map(\.rawValue)

    static func load(for ticket: TicketModel, on db: any Database) async throws -> SlaHistory {
        let rows = try await db.sql.select()
            .columns("kind", "visibility", "at", "after").from(EventModel.schema)
            .where("ticket_id", .equal, ticket.id!).where("kind", .in, Self.kinds).orderBy("seq").all(decoding: Row.self)
        return history(ticket: ticket, events: rows.map { ($0.kind, $0.visibility, $0.at, $0.after) })
    }

    /// The facts of the events (kind, visibility, instant, after-JSON) in the order they were written.
    static func history(ticket: TicketModel, events: [(String, String, Date, String?)]) -> SlaHistory {
        var history = SlaHistory(start: ticket.slaStart ?? ticket.createdAt)
        let decoder = JSONDecoder()
        for (kind, visibility, at, afterText) in events {
            let after = afterText.flatMap { try? decoder.decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            switch EventKind(rawValue: kind) {
            case .created:
                if let status = after["status"].flatMap(TicketStatus.init(rawValue:)) { history.initialStatus = status }
            case .statusChanged, .reopened:
                guard let status = after["status"].flatMap(TicketStatus.init(rawValue:)) else { continue }
                if SlaResponseRule.responds(status: status) { history.facts.append(.response(at)) }
                history.facts.append(.status(at, status))
            case .noteAdded where visibility == Visibility.onstage.rawValue && after["by"] != "client":
                if SlaResponseRule.respondsByNote(tier2: after["tier2"] != "false") { history.facts.append(.response(at)) }
                history.facts.append(.update(at))
            case .clientMessage:
                // A mail the client received keeps it in the loop; it is never the response by itself: Mend sends
                // its own mails and the CSR's handoff message, and Tier 2's own words come with an onstage note.
                history.facts.append(.update(at))
            default:
                continue
            }
        }
        return history
    }
}
