import Foundation
import MendCore

/// The SLA clocks as pages show them: each clock's state, due instant in the reader's zone and business time left.
struct SlaView: Encodable {
    struct Clock: Encodable {
        var name: String
        var state: String
        var stateTitle: String
        var due: String
        var left: String
        var percent: Int
        var misses: Int
        var basis: String
    }

    var policy: String
    var timezone: String
    var clocks: [Clock]
    /// "breached", "at-risk" or "" for the queue's flag.
    var flag: String
    var nearest: String
    /// When the clock named in `nearest` falls due, in the reader's zone: what `sort=deadline` orders by.
    var nearestDue: String
    /// What "left" counts, from the clocks' own bases.
    var legend: String

    init(_ sla: TicketSlaResponse) {
        policy = sla.policy
        timezone = sla.timezone
        clocks = sla.clocks.map { clock in
            Clock(
                name: clock.clock.title, state: clock.atRisk ? "at-risk" : clock.state.rawValue,
                stateTitle: clock.atRisk ? "At risk" : Self.title(clock.state),
                due: clock.dueAt.map(WebFormat.time) ?? "—",
                left: Self.left(clock), percent: clock.percentElapsed, misses: clock.misses,
                basis: clock.basis == .always ? "24x7" : "business hours")
        }
        flag = sla.breached ? "breached" : (sla.atRisk ? "at-risk" : "")
        // The clock shown is the one the deadline sort orders by (MendCore `SlaSnapshot.nearestDue`): the earliest due
        // instant among clocks still counting, not the least business time left, which orders differently across
        // calendars.
        let counting = sla.clocks.filter { ($0.state == .running || $0.state == .breached) && $0.dueAt != nil }
        nearestDue = ""
        if let clock = counting.min(by: { ($0.dueAt ?? .distantFuture) < ($1.dueAt ?? .distantFuture) }) {
            nearest = "\(clock.clock.title): \(Self.left(clock))"
            nearestDue = clock.dueAt.map { "due " + WebFormat.time($0) } ?? ""
        } else if let paused = sla.clocks.filter({ $0.state == .paused }).min(by: { $0.leftSeconds < $1.leftSeconds }) {
            nearest = "\(paused.clock.title) paused: \(Self.left(paused))"
        } else {
            nearest = ""
        }
        let bases = Set(sla.clocks.map(\.basis))
        legend =
            bases == [.always]
            ? "time left counts around the clock (24x7)"
            : bases.contains(.always)
                ? "time left counts each clock's own hours, as Runs on says" : "time left counts business hours only"
    }

    static func title(_ state: SlaReading.State) -> String {
        switch state {
        case .running: "Running"
        case .paused: "Paused"
        case .met: "Met"
        case .breached: "Breached"
        case .transferred: "Transferred"
        }
    }

    /// Business time left or overdue, for a clock still counting.
    static func left(_ clock: SlaClockResponse) -> String {
        switch clock.state {
        case .met, .transferred: return clock.misses > 0 ? "\(clock.misses) missed" : "—"
        default:
            let text = WebFormat.minutes(abs(clock.leftSeconds) / 60)
            return clock.leftSeconds >= 0 ? "\(text) left" : "\(text) overdue"
        }
    }
}
