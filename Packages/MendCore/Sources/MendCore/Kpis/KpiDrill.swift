import Foundation

/// The tickets behind one figure of a KPI answer: what a figure on the reports page links to. Each case picks the
/// tickets `KpiFigures` counts for that figure, by the same event in the period.
public enum KpiDrill: Sendable, Hashable {
    case response, restoration, resolution
    /// Tickets whose clock came to an outcome (met, breached, transferred) in the period.
    case compliance(SlaClockKind)
    /// Tickets whose clock breached, counted in the period its clock ended.
    case breaches(SlaClockKind)
    /// Resolved tickets judged for first contact resolution (those that stayed in Tier 2).
    case firstContact
    /// Tickets first resolved in the period: the reopen rate's denominator and the time logged.
    case reopens
    case satisfaction
    case leftTier2

    /// Every drill, in the order a page lists them.
    public static let all: [KpiDrill] =
        [.response, .restoration, .resolution]
        + SlaClockKind.allCases.map(KpiDrill.compliance) + [.firstContact, .reopens, .satisfaction, .leftTier2]
        + [.response, .restoration, .resolution].map(KpiDrill.breaches)

    /// The name in a URL: `response`, `sla-restoration`, `breaches-resolution`, `fcr`, and so on.
    public var name: String {
        switch self {
        case .response: "response"
        case .restoration: "restoration"
        case .resolution: "resolution"
        case .compliance(let clock): "sla-" + clock.rawValue
        case .breaches(let clock): "breaches-" + clock.rawValue
        case .firstContact: "fcr"
        case .reopens: "reopens"
        case .satisfaction: "satisfaction"
        case .leftTier2: "left-tier2"
        }
    }

    /// The drill a URL names, nil for an unknown name.
    public init?(name: String) {
        guard let drill = Self.all.first(where: { $0.name == name }) else { return nil }
        self = drill
    }

    /// What the list of tickets shows, in words.
    public var title: String {
        switch self {
        case .response: "Tickets responded to"
        case .restoration: "Tickets restored"
        case .resolution: "Tickets resolved"
        case .compliance(let clock): "Tickets whose \(clock.rawValue) clock ended"
        case .breaches(let clock): "Tickets whose \(clock.rawValue) clock breached"
        case .firstContact: "Resolved tickets judged for first contact resolution"
        case .reopens: "Tickets first resolved (reopen rate and time logged)"
        case .satisfaction: "Tickets surveyed"
        case .leftTier2: "Tickets that left Tier 2"
        }
    }

    /// Whether `facts` is one of the tickets behind this figure for `period`.
    public func includes(_ facts: TicketKpiFacts, in period: KpiPeriod) -> Bool {
        switch self {
        case .response: period.contains(facts.response?.endedAt)
        case .restoration: period.contains(facts.restoration?.endedAt)
        case .resolution, .reopens: period.contains(facts.resolution?.endedAt)
        case .compliance(let clock):
            period.contains(facts.clocks[clock]?.at)
                && [.met, .breached, .transferred].contains(facts.clocks[clock]?.outcome)
        case .breaches(let clock):
            period.contains(facts.clocks[clock]?.at) && facts.breaches.contains { $0.clock == clock }
        case .firstContact: period.contains(facts.resolution?.endedAt) && facts.firstContactResolution != nil
        case .satisfaction: period.contains(facts.surveySentAt)
        case .leftTier2: period.contains(facts.exitedAt)
        }
    }
}
