import Fluent
import Foundation
import MendCore
import NIOConcurrencyHelpers

/// The active webhook subscriptions, read at most every `ttl` seconds: every change of every ticket asks
/// which subscriptions want its events, and most installations have none. A change made through this process
/// applies at once; one made through another `mend serve` within `ttl`.
final class WebhookSubscriptionCache: Sendable {
    /// What fan-out needs of a subscription.
    struct Entry: Sendable {
        var id: UUID
        var url: String
        var kinds: String

        func wants(_ kind: String) -> Bool { WebhookSubscription.wants(kindsText: kinds, kind) }
    }

    private let state = NIOLockedValueBox<(entries: [Entry], loaded: ContinuousClock.Instant)?>(nil)
    let ttl: Duration

    init(ttl: Duration = .seconds(5)) { self.ttl = ttl }

    /// The active subscriptions, from memory while fresh.
    func active(on db: any Database) async throws -> [Entry] {
        let now = ContinuousClock.now
        if let cached = state.withLockedValue({ $0 }), now - cached.loaded < ttl { return cached.entries }
        let entries = try await WebhookSubscriptionModel.query(on: db).filter(\.$active == true).all().map {
            Entry(id: $0.id!, url: $0.url, kinds: $0.kinds)
        }
        state.withLockedValue { $0 = (entries, now) }
        return entries
    }

    /// Forgets the list after a subscription changed here.
    func invalidate() { state.withLockedValue { $0 = nil } }
}
