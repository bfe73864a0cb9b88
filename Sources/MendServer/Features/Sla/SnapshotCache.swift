import Foundation
import MendCore
import Synchronization

/// Tickets' stored clock snapshots, parsed, with their calendars, by ticket and keyed by the stored text. A list of
/// a hundred open tickets read each snapshot anew (a `Double` per instant) and looked its calendar up by its whole
/// JSON text: 11% of the first page of open tickets (BENCHMARKS.md, issue 24). The text is the key, so a ticket
/// changed since, here or by another server, is a miss and is parsed again.
final class SnapshotCache: Sendable {
    private let entries = Mutex<[UUID: (text: String, snapshot: SlaSnapshot, calendar: BusinessCalendar)]>([:])
    private let limit: Int

    init(limit: Int = 8_192) {
        self.limit = limit
    }

    /// The snapshot stored as `text` for ticket `id` and its calendar; `parse` makes them on a miss.
    func entry(
        of id: UUID, text: String, parse: (String) -> (SlaSnapshot, BusinessCalendar)?
    ) -> (SlaSnapshot, BusinessCalendar)? {
        if let hit = entries.withLock({ entries in entries[id].flatMap { $0.text == text ? $0 : nil } }) {
            return (hit.snapshot, hit.calendar)
        }
        guard let (snapshot, calendar) = parse(text) else { return nil }
        entries.withLock { entries in
            if entries[id] == nil, entries.count >= limit, let any = entries.keys.first { entries[any] = nil }
            entries[id] = (text, snapshot, calendar)
        }
        return (snapshot, calendar)
    }
}
