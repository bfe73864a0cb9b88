import MendCore
import Vapor

/// One clock of a ticket as the API shows it: its state, due instant and business time left.
struct SlaClockResponse: Content {
    var clock: SlaClockKind
    var state: SlaReading.State
    var dueAt: Date?
    /// Business seconds left; negative when overdue.
    var leftSeconds: Int
    var percentElapsed: Int
    var targetSeconds: Int
    var basis: SlaBasis
    /// Update cadence only: client updates missed so far.
    var misses: Int
    var atRisk: Bool
}

/// A ticket's SLA: the policy, the calendar's zone and every clock.
struct TicketSlaResponse: Content {
    var policy: String
    var timezone: String
    var clocks: [SlaClockResponse]
    var atRisk: Bool
    var breached: Bool
}

/// Reads stored snapshots at one instant, for one request.
struct SlaReader: Sendable {
    let cache: SlaParseCache
    let now: Date

    /// The clocks of a loaded ticket, from the parse its model holds (a ticket just written holds its new one).
    func response(for ticket: TicketModel) -> TicketSlaResponse? {
        guard let snapshot = SlaRefresh.snapshot(of: ticket), let calendar = try? cache.calendar(snapshot.calendar).0
        else { return nil }
        return response(snapshot, calendar: calendar)
    }

    /// The clocks of ticket `id` whose stored snapshot is `clocks` (a list row's), parsed once per text.
    func response(clocks: String?, of id: UUID) -> TicketSlaResponse? {
        guard let clocks,
            let (snapshot, calendar) = cache.snapshots.value(
                of: id, text: clocks,
                make: { text in
                    guard let snapshot = SlaSnapshot(text: text), let calendar = try? cache.calendar(snapshot.calendar).0
                    else { return nil }
                    return (snapshot, calendar)
                })
        else { return nil }
        return response(snapshot, calendar: calendar)
    }

    private func response(_ snapshot: SlaSnapshot, calendar: BusinessCalendar) -> TicketSlaResponse {
        let readings = snapshot.clocks.map { $0.reading(at: now, calendar: calendar) }
        let responses = readings.map {
            SlaClockResponse(
                clock: $0.kind, state: $0.state, dueAt: $0.dueAt, leftSeconds: $0.leftSeconds, percentElapsed: $0.percentElapsed,
                targetSeconds: $0.targetSeconds, basis: $0.basis, misses: $0.misses, atRisk: $0.atRisk)
        }
        return TicketSlaResponse(
            policy: snapshot.policy, timezone: calendar.timezone, clocks: responses, atRisk: readings.contains(where: \.atRisk),
            breached: readings.contains { $0.state == .breached && ($0.kind != .update || $0.leftSeconds <= 0) })
    }
}

/// A business calendar in its JSON form (the same shape the CLI and docs use).
struct CalendarBody: Content {
    var timezone: String
    var week: [String: [[String]]]
    var holidays: [String]

    static func decode(_ text: String) -> CalendarBody {
        (try? JSONDecoder().decode(CalendarBody.self, from: Data(text.utf8)))
            ?? CalendarBody(timezone: "UTC", week: [:], holidays: [])
    }
}

/// One clock's target in a policy's JSON form.
struct SlaTargetBody: Content {
    var minutes: Int
    var basis: SlaBasis
    var paused_by: [TicketStatus]
}

/// A policy's JSON form: `targets` by priority, then by clock.
struct SlaPolicyBody: Content {
    var name: String
    var warning_percent: Int
    var targets: [String: [String: SlaTargetBody]]
}

/// A stored policy with its edit counter.
struct SlaPolicyResponse: Content {
    var id: UUID
    var name: String
    var version: Int
    var isDefault: Bool
    var updatedAt: Date
    var definition: SlaPolicyBody
}

/// A contract's SLA settings: its policy (the default one when unset) and the calendar in force.
struct ContractSlaResponse: Content {
    var contractID: UUID
    var slaPolicyID: UUID?
    var policyName: String
    var calendar: CalendarBody
    /// True when the contract stores no calendar and its coverage's default applies.
    var calendarIsDefault: Bool
}

extension SlaPolicyModel {
    var response: SlaPolicyResponse {
        let body =
            (try? JSONDecoder().decode(SlaPolicyBody.self, from: Data(definition.utf8)))
            ?? SlaPolicyBody(name: name, warning_percent: 75, targets: [:])
        return SlaPolicyResponse(
            id: id!, name: name, version: version, isDefault: isDefault, updatedAt: updatedAt, definition: body)
    }
}
