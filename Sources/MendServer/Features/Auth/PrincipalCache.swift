import Foundation
import NIOConcurrencyHelpers

/// Remembers which principal a bearer token stands for, for `ttl` seconds, so integrations that send many
/// requests are not re-authenticated against the database on each one. A deactivated user or changed role
/// takes effect within `ttl`.
final class PrincipalCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (Principal, Date)]>([:])
    let ttl: TimeInterval

    init(ttl: TimeInterval = 10) { self.ttl = ttl }

    func principal(forTokenHash hash: String, now: Date) -> Principal? {
        entries.withLockedValue { entries in
            guard let (principal, expiry) = entries[hash] else { return nil }
            if expiry < now {
                entries[hash] = nil
                return nil
            }
            return principal
        }
    }

    func remember(_ principal: Principal, forTokenHash hash: String, now: Date) {
        entries.withLockedValue { entries in
            // Bounded: a flood of distinct tokens cannot grow memory without limit.
            if entries.count > 10_000 { entries.removeAll() }
            entries[hash] = (principal, now.addingTimeInterval(ttl))
        }
    }

    /// Forgets every token's principal: role names and rights changed for everyone (a new process version).
    func forgetAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
