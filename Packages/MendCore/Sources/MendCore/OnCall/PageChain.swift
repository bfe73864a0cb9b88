import Foundation

/// Who a page goes to, in order (PRODUCT.md section 4): the engineer on call, then the rotation's other
/// members in rotation order after them, then the service managers. An unacknowledged or declined page
/// moves one step along.
public enum PageChain {
    /// The chain for a page made at `instant`; people appear once, at their first place.
    public static func build(rotation: Rotation?, at instant: Instant, managers: [String]) -> [String] {
        var chain: [String] = []
        func add(_ person: String) { if !chain.contains(person) { chain.append(person) } }
        if let rotation {
            let first = rotation.onCall(at: instant)
            if let first { add(first) }
            let start = rotation.scheduled(at: instant).flatMap { rotation.members.firstIndex(of: $0.member) } ?? -1
            for offset in 1...max(rotation.members.count, 1) {
                add(rotation.members[(start + offset + rotation.members.count) % rotation.members.count])
            }
        }
        managers.forEach(add)
        return chain
    }

    /// The step after `step` when the current person times out or declines; nil when the chain is used up.
    public static func next(after step: Int, chainLength: Int) -> Int? {
        step + 1 < chainLength ? step + 1 : nil
    }

    /// When a page sent at `sentAt` must be acknowledged.
    public static func acknowledgeBy(sentAt: Instant, minutes: Int) -> Instant {
        sentAt.addingTimeInterval(Double(max(minutes, 1) * 60))
    }
}

/// The after-hours rule of the seed module's entry paths: a P1 or P2 ticket arriving outside the contract's
/// business hours pages the on-call engineer.
public enum AfterHoursRule {
    /// True when a ticket of `priority` opened at `openedAt` calls for a page.
    public static func pages(priority: Priority, openedAt: Instant, businessHours: BusinessCalendar) -> Bool {
        guard priority == .p1 || priority == .p2 else { return false }
        // nextOpen answers through seconds since 1970, which can differ from `openedAt` in the last bits of a
        // fractional second: only a real wait (half a second or more) is outside business hours.
        return businessHours.nextOpen(openedAt).timeIntervalSince(openedAt) >= 0.5
    }
}
