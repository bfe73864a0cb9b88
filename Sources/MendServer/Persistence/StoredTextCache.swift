import Foundation
import MendCore
import Synchronization

/// Values parsed from a text column of a ticket's row, by ticket, keyed by the stored text itself. A hit needs the
/// row to hold exactly the text the value was made from, so a row changed since, by this server, another one or a
/// rolled-back change, is a miss and is parsed again. At `limit` entries an arbitrary one makes room.
final class StoredTextCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[UUID: (text: String, value: Value)]>([:])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value kept for ticket `id` when it was made from `text`.
    func value(of id: UUID, text: String) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.text == text else { return nil }
            return entry.value
        }
    }

    /// Keeps `value`, made from `text`, for ticket `id`.
    func remember(_ value: Value, text: String, of id: UUID) {
        entries.withLock { entries in
            if entries[id] == nil, entries.count >= limit, let any = entries.keys.first { entries[any] = nil }
            entries[id] = (text, value)
        }
    }

    /// The value kept for ticket `id` and `text`, or the one `make` makes from `text`, then kept.
    func value(of id: UUID, text: String, make: (String) -> Value?) -> Value? {
        if let hit = value(of: id, text: text) { return hit }
        guard let made = make(text) else { return nil }
        remember(made, text: text, of: id)
        return made
    }
}

/// The folds this server stored last (`sla_fold`). A change finds its ticket's stored fold here when the row still
/// holds the text it was stored as, and skips parsing it: a ticket moved back and forth between statuses hundreds
/// of times has a fold of hundreds of lines, and parsing it was 14% of a status change (BENCHMARKS.md).
typealias FoldCache = StoredTextCache<TicketFold>

extension StoredTextCache where Value == TicketFold {
    convenience init() { self.init(limit: 2_048) }

    /// The fold stored as `text` for ticket `id`, when this server stored it.
    func fold(of id: UUID, text: String) -> TicketFold? { value(of: id, text: text) }
}

/// Tickets' stored clock snapshots (`sla_clocks`), parsed, with their calendars. A list of a hundred open tickets
/// read each snapshot anew (a `Double` per instant) and looked its calendar up by its whole JSON text: 11% of the
/// first page of open tickets (BENCHMARKS.md, issue 24).
typealias SnapshotCache = StoredTextCache<(snapshot: SlaSnapshot, calendar: BusinessCalendar)>
