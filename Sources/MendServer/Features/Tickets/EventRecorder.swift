import Fluent
import Foundation
import MendCore

/// Collects the events of one change and writes them in the change's transaction.
struct EventRecorder: Sendable {
    private var pending: [EventModel] = []
    let actor: Principal
    let at: Date

    init(actor: Principal, at: Date) {
        self.actor = actor
        self.at = at
    }

    mutating func record(
        _ kind: EventKind, _ visibility: Visibility = .backstage, summary: String,
        before: [String: String]? = nil, after: [String: String]? = nil
    ) {
        let event = EventModel()
        event.id = UUID()
        event.kind = kind.rawValue
        event.visibility = visibility.rawValue
        event.actorID = actor.userID
        event.actorName = actor.name
        event.at = at
        event.summary = summary
        event.before = before.map(Self.json)
        event.after = after.map(Self.json)
        pending.append(event)
    }

    /// Writes the events for `ticketID`; `version` orders them after every earlier change.
    func save(ticketID: UUID, version: Int, on database: any Database) async throws {
        for (index, event) in pending.enumerated() {
            event.ticketID = ticketID
            event.seq = version * 100 + index
        }
        if !pending.isEmpty { try await pending.create(on: database) }
    }

    /// The pending events as rows of `ticketID` at `version`, for writers that batch their own inserts.
    func models(ticketID: UUID, version: Int) -> [EventModel] {
        for (index, event) in pending.enumerated() {
            event.ticketID = ticketID
            event.seq = version * 100 + index
        }
        return pending
    }

    /// The pending events as rows ordered after `seqBase`, for writers that batch their own inserts.
    func models(seqBase: Int) -> [EventModel] {
        for (index, event) in pending.enumerated() { event.seq = seqBase * 100 + index }
        return pending
    }

    private static func json(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(values), as: UTF8.self)) ?? "{}"
    }
}
