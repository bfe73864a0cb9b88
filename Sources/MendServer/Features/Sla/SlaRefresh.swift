import Foundation
import MendCore

/// Stores a replay's outcome on the ticket: the snapshot, the next timer instant and the nearest deadline.
enum SlaRefresh {
    static func apply(history: SlaHistory, settings: SlaSettings, to ticket: TicketModel, now: Date) {
        let priority = Priority(rawValue: ticket.priority) ?? .p3
        let clocks = SlaEngine.clocks(
            history: history, priority: priority, policy: settings.policy, calendar: settings.calendar, now: now)
        store(SlaSnapshot(policy: settings.policy.name, calendar: settings.calendarText, clocks: clocks), on: ticket)
        ticket.contractID = settings.contractID
        ticket.slaStale = false
    }

    /// Writes the snapshot and the indexed instants derived from it and the fired keys.
    static func store(_ snapshot: SlaSnapshot, on ticket: TicketModel) {
        ticket.slaClocks = String(decoding: (try? JSONEncoder().encode(snapshot)) ?? Data(), as: UTF8.self)
        ticket.slaNextAt = snapshot.pendingTimers(fired: firedKeys(ticket.slaFired)).first?.at
        ticket.slaDueAt = snapshot.nearestDue
        ticket.slaWarnAt = snapshot.nearestWarning
    }

    static func firedKeys(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: " ").map(String.init))
    }

    static func snapshot(_ text: String?) -> SlaSnapshot? {
        text.flatMap { try? JSONDecoder().decode(SlaSnapshot.self, from: Data($0.utf8)) }
    }
}

extension LocalDate {
    /// The UTC calendar date of an instant: which contract is in force is decided per day.
    init(_ instant: Date) {
        self.init(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
