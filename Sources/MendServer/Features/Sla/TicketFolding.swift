import Fluent
import Foundation
import MendCore

/// The history of a ticket just changed, folded (MendCore `TicketFold`): the stored fold carried forward by the
/// change's events when it was made under the same terms at the version before, else the whole history read and
/// folded anew. A note on a ticket with 200 events then reads none of them.
enum TicketFolding {
    /// The fold after `written`, the events the change wrote; `ticket.version` is already the change's.
    static func fold(
        _ ticket: TicketModel, written: [EventRow], settings: SlaSettings, cache: FoldCache? = nil, on tx: any Database
    ) async throws -> TicketFold {
        if let carried = try carried(ticket, written: written, settings: settings, cache: cache) { return carried }
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        let history = try await TicketHistoryLoader.load(for: ticket, on: tx)
        return TicketFold(
            history: history, priority: priority, policy: settings.policy, calendar: settings.calendar,
            terms: TicketFold.terms(priority: priority, policy: settings.policy, calendarText: settings.calendarText),
            version: ticket.version)
    }

    /// The stored fold carried forward by `written`; nil when it was made under other terms, at another version, from
    /// another start, or when an event of the change is older than the last one folded in. `cache` may hold the
    /// stored fold already parsed.
    static func carried(_ ticket: TicketModel, written: [EventRow], settings: SlaSettings, cache: FoldCache? = nil) throws
        -> TicketFold?
    {
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        let terms = TicketFold.terms(priority: priority, policy: settings.policy, calendarText: settings.calendarText)
        guard let text = ticket.slaFold, let id = ticket.id else { return nil }
        let cached = cache?.fold(of: id, text: text).flatMap { $0.terms == terms ? $0 : nil }
        guard
            let stored = cached
                ?? TicketFold(
                    text: text, priority: priority, policy: settings.policy, calendar: settings.calendar, terms: terms),
            stored.version == ticket.version - 1, stored.start == ticket.slaStart ?? ticket.createdAt
        else { return nil }
        return stored.applying(
            TicketHistoryLoader.historyEvents(written.map(TicketHistoryLoader.Row.init)), version: ticket.version)
    }
}
