import Fluent
import Foundation
import MendCore

/// Collects the events of one change and writes them in the change's transaction.
struct EventRecorder: Sendable {
    private var pending: [EventModel] = []
    let actorID: UUID?
    let actorName: String
    let at: Date

    init(actor: Principal, at: Date) {
        self.actorID = actor.userID
        self.actorName = actor.name
        self.at = at
    }

    /// Events written by Mend itself (the scheduler, escalation, paging), with no user behind them.
    init(system name: String, at: Date) {
        self.actorID = nil
        self.actorName = name
        self.at = at
    }

    var isEmpty: Bool { pending.isEmpty }

    mutating func record(
        _ kind: EventKind, _ visibility: Visibility = .backstage, summary: String,
        before: [String: String]? = nil, after: [String: String]? = nil
    ) {
        let event = EventModel()
        // Time-ordered: events are only ever appended, so their keys append to the index too.
        event.id = TimeOrderedID.make(at: at)
        event.kind = kind.rawValue
        event.visibility = visibility.rawValue
        event.actorID = actorID
        event.actorName = actorName
        event.at = at
        event.summary = summary
        event.before = before.map(Self.json)
        event.after = after.map(Self.json)
        pending.append(event)
    }

    /// Records the events MendCore's `Ticket` returned for a change.
    mutating func append(_ events: [TicketEvent]) {
        for event in events {
            record(event.kind, event.visibility, summary: event.summary, before: event.before, after: event.after)
        }
    }

    /// Writes the events for `ticketID`; `version` orders them after every earlier change. Returns the rows written.
    @discardableResult
    func save(ticketID: UUID, version: Int, on database: any Database) async throws -> [EventRow] {
        let models = models(ticketID: ticketID, version: version)
        try await EventRowsInsert.run(models, on: database)
        return models.map(EventRow.init)
    }

    /// The pending events as rows of `ticketID` at `version`, for writers that batch their own inserts.
    func models(ticketID: UUID, version: Int) -> [EventModel] {
        for (index, event) in pending.enumerated() {
            event.ticketID = ticketID
            event.seq = version * 100 + index
        }
        return pending
    }

    /// The values as a JSON object with sorted keys, byte for byte as `JSONEncoder` with `.sortedKeys` writes it
    /// (slashes escaped too); every change writes one or two, and `JSONEncoder` cost 1.6% of a creation's CPU.
    static func json(_ values: [String: String]) -> String {
        var json = JSONWriter(capacity: 64, escapingSlashes: true)
        json.object { json in
            for (key, value) in values.sorted(by: { $0.key < $1.key }) { json.member(named: key, value) }
        }
        return json.text
    }
}
