import Fluent
import Foundation

/// The outbox sender's webhook channel: post to the subscription's current URL, log the attempt.
extension OutboxSender {
    /// Posts one delivery to its subscription's current URL and logs the attempt; true when it was taken.
    func deliverWebhook(_ row: OutboxModel) async throws -> Bool {
        guard let id = row.subscriptionID, let subscription = try await WebhookSubscriptionModel.find(id, on: db),
            subscription.active
        else {
            try await finish(row, now: services.clock.now(), error: WebhookGone())
            return false
        }
        let now = services.clock.now()
        let attempt = await poster.post(
            row.payload, to: subscription.url, event: row.subject.split(separator: " ").first.map(String.init) ?? "",
            delivery: row.id!, secret: subscription.secret, now: now)
        row.recipient = subscription.url
        let log = WebhookDeliveryModel()
        log.id = UUID()
        log.outboxID = row.id!
        log.subscriptionID = id
        log.event = row.subject
        log.attempt = row.attempts + 1
        log.at = now
        log.statusCode = attempt.statusCode
        log.response = attempt.response
        log.error = attempt.error
        log.durationMs = attempt.durationMs
        try await finish(
            row, now: services.clock.now(), error: attempt.delivered ? nil : WebhookRefused(text: attempt.summary),
            log: log)
        return attempt.delivered
    }
}

/// A receiver's answer other than 2xx, or no answer: tried again with backoff.
struct WebhookRefused: Error {
    var text: String
}

/// The delivery's subscription was deleted or switched off: nothing to send it to.
struct WebhookGone: Error, CustomStringConvertible {
    var description: String { "The webhook subscription was deleted or disabled" }
}
