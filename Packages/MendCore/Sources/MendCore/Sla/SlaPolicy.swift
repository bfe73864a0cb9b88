import Foundation

/// The four clocks of PRODUCT.md section 3.
public enum SlaClockKind: String, Sendable, Codable, CaseIterable {
    case response, restoration, resolution, update

    /// Human label for pages.
    public var title: String {
        switch self {
        case .response: "Response"
        case .restoration: "Restoration"
        case .resolution: "Resolution"
        case .update: "Client update"
        }
    }
}

/// Which clock a target runs on: the contract's business calendar or around the clock.
public enum SlaBasis: String, Sendable, Codable {
    case business
    case always = "24x7"
}

/// One clock's target in a policy: how long, on which basis, and which statuses stop it counting.
public struct SlaTarget: Sendable, Codable, Equatable {
    public var minutes: Int
    public var basis: SlaBasis
    public var pausedBy: Set<TicketStatus>

    public init(minutes: Int, basis: SlaBasis, pausedBy: Set<TicketStatus> = []) {
        self.minutes = minutes
        self.basis = basis
        self.pausedBy = pausedBy
    }

    /// Whether `clock`, on this target, stops counting in `status`: the policy lists it, or it is a status of the
    /// MSP's own whose definition pauses the clock.
    public func pauses(_ clock: SlaClockKind, in status: TicketStatus) -> Bool {
        // The module's statuses pause only where the policy says: no need to ask the rules in force.
        pausedBy.contains(status) || (!status.isModule && ProcessRules.current.ownStatus(status.rawValue, pauses: clock))
    }
}

/// An SLA policy: per priority, a target for each measured clock, and the share at which warnings fire.
public struct SlaPolicy: Sendable, Equatable {
    public var name: String
    /// Percent of a target elapsed at which its warning fires (1 to 99; 75 by default).
    public var warningPercent: Int
    public var targets: [Priority: [SlaClockKind: SlaTarget]]

    public init(name: String, warningPercent: Int = 75, targets: [Priority: [SlaClockKind: SlaTarget]]) {
        self.name = name
        self.warningPercent = warningPercent
        self.targets = targets
    }

    /// The policy Mend ships: P1 runs around the clock, the rest on business hours; each clock pauses in the
    /// statuses the process in force says pause it by default (in MSP-04c, waiting on the client pauses
    /// restoration, resolution and the update cadence).
    public static var standard: SlaPolicy {
        let statuses = ProcessRules.current.definition.statuses
        func paused(_ clock: SlaClockKind) -> Set<TicketStatus> {
            // The MSP's own statuses pause their clocks under every policy (ProcessRules.ownStatus), not by being listed.
            Set(
                statuses.filter { $0.reportsAs == nil && $0.pauses.contains(clock.rawValue) }
                    .compactMap { TicketStatus(rawValue: $0.key) })
        }
        func row(_ response: Int, _ restore: Int, _ resolve: Int, _ update: Int, _ basis: SlaBasis) -> [SlaClockKind: SlaTarget] {
            [
                .response: SlaTarget(minutes: response, basis: basis, pausedBy: paused(.response)),
                .restoration: SlaTarget(minutes: restore, basis: basis, pausedBy: paused(.restoration)),
                .resolution: SlaTarget(minutes: resolve, basis: basis, pausedBy: paused(.resolution)),
                .update: SlaTarget(minutes: update, basis: basis, pausedBy: paused(.update)),
            ]
        }
        return SlaPolicy(
            name: "Standard",
            targets: [
                .p1: row(15, 4 * 60, 8 * 60, 30, .always),
                .p2: row(30, 8 * 60, 16 * 60, 60, .business),
                .p3: row(2 * 60, 18 * 60, 27 * 60, 4 * 60, .business),
                .p4: row(4 * 60, 27 * 60, 45 * 60, 9 * 60, .business),
            ])
    }
}
