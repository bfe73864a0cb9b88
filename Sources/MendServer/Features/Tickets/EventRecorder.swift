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

    /// Records a status change, onstage (the client sees where the ticket stands); `detail` goes after the titles.
    mutating func statusChanged(from: TicketStatus, to: TicketStatus, detail: String? = nil, reason: String? = nil) {
        var after = ["status": to.rawValue]
        if let reason, !reason.isEmpty { after["reason"] = reason }
        record(
            .statusChanged, .onstage, summary: "Status \(from.title) → \(to.title)" + (detail.map { " (\($0))" } ?? ""),
            before: ["status": from.rawValue], after: after)
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

    /// The values as a JSON object with sorted keys, as `JSONEncoder` with `.sortedKeys` writes it (slashes
    /// escaped too); every change writes one or two, and `JSONEncoder` cost 1.6% of a creation's CPU.
    static func json(_ values: [String: String]) -> String {
        var text = "{"
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            appendQuoted(key, to: &text)
            text += ":"
            appendQuoted(values[key]!, to: &text)
        }
        return text + "}"
    }

    private static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x2F }) else {
            text += value
            return text += "\""
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "/": text += "\\/"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
