import Foundation
import MendCore

/// Stores a replay's outcome on the ticket: the snapshot and the nearest deadline and warning. Its timers go
/// to the timer queue (`SlaTimerRows`), written by the caller after the ticket.
enum SlaRefresh {
    static func apply(history: SlaHistory, settings: SlaSettings, to ticket: TicketModel, now: Date) throws {
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        apply(
            SlaEngine.clocks(
                history: history, priority: priority, policy: settings.policy, calendar: settings.calendar, now: now),
            settings: settings, to: ticket)
    }

    /// Stores clocks replayed under `settings` (the engine's, or a fold's).
    static func apply(_ clocks: [SlaClock], settings: SlaSettings, to ticket: TicketModel) {
        store(SlaSnapshot(policy: settings.policy.name, calendar: settings.calendarText, clocks: clocks), on: ticket)
        ticket.contractID = settings.contractID
        ticket.slaStale = false
        // Only a stale ticket keeps an instant there: its replay row's.
        ticket.slaNextAt = nil
    }

    /// Writes the snapshot and the indexed instants derived from it.
    static func store(_ snapshot: SlaSnapshot, on ticket: TicketModel) {
        ticket.slaClocks = encode(snapshot)
        ticket.slaDueAt = snapshot.nearestDue
        ticket.slaWarnAt = snapshot.nearestWarning
    }

    /// Takes every timer due by `now` that has not fired, in order, marking it fired; a missed update
    /// starts the next cycle. Keys of update cycles that are over are dropped, as they cannot come back.
    static func fireDue(_ snapshot: inout SlaSnapshot, fired: inout Set<String>, calendar: BusinessCalendar, now: Date)
        -> [SlaTimer]
    {
        var due: [SlaTimer] = []
        // The pending list is built once and walked in order; only a missed update (which moves the update clock
        // to its next cycle) builds it again. Building it per firing was a tenth of a scheduler tick.
        var pending = snapshot.pendingTimers(fired: fired)[...]
        while let timer = pending.first, timer.at <= now {
            pending.removeFirst()
            fired.insert(timer.key)
            due.append(timer)
            if timer.isBreach, timer.clock == .update, let index = snapshot.clocks.firstIndex(where: { $0.kind == .update }) {
                snapshot.clocks[index] = snapshot.clocks[index].afterMissedUpdate(calendar: calendar)
                pending = snapshot.pendingTimers(fired: fired)[...]
            }
        }
        if let cycle = snapshot.clocks.first(where: { $0.kind == .update })?.cycle,
            fired.contains(where: { $0.hasPrefix("update.") })
        {
            fired = fired.filter { !$0.hasPrefix("update.") || Int($0.split(separator: ".").last ?? "") ?? 0 >= cycle }
        }
        return due
    }

    static func encode(_ snapshot: SlaSnapshot) -> String { snapshot.text }

    /// The keys of the warnings and breaches already fired (MendCore `FiredKeys`), from their stored text.
    static func firedKeys(_ text: String?) -> Set<String> { FiredKeys(text: text).keys }

    static func snapshot(_ text: String?) -> SlaSnapshot? {
        text.flatMap(SlaSnapshot.init(text:))
    }

    /// The ticket's stored snapshot, parsed once per text: a new ticket's is read by its timer rows, its escalation
    /// watch and its response, and parsing (a `Double` per instant) was 2% of a creation's CPU. The parse is kept,
    /// not the snapshot that was stored: instants read back from text may differ from the computed ones in the
    /// last bit, and the scheduler works from what was stored.
    static func snapshot(of ticket: TicketModel) -> SlaSnapshot? {
        guard let text = ticket.slaClocks else { return nil }
        if let parsed = ticket.parsedSla, parsed.text == text { return parsed.snapshot }
        guard let snapshot = SlaSnapshot(text: text) else { return nil }
        ticket.parsedSla = (text, snapshot)
        return snapshot
    }
}

extension LocalDate {
    /// The UTC calendar date of an instant: which contract is in force is decided per day.
    init(_ instant: Date) {
        self.init(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
