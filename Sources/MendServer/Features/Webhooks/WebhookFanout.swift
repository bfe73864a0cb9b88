import Fluent
import Foundation
import MendCore

/// Turns the events of a change into webhook deliveries in the outbox, in the change's transaction: a
/// delivery exists exactly when its event does, and is sent (and retried) after commit.
struct WebhookFanout: Sendable {
    let cache: WebhookSubscriptionCache
    let publicURL: String

    /// Whether an active subscription wants events of any of these kinds.
    func wantsAny(of kinds: [String], on db: any Database) async throws -> Bool {
        try await cache.active(on: db).contains { subscription in kinds.contains(where: subscription.wants) }
    }

    /// Queues one delivery per event and subscription that wants its kind. `tickets` are the changed tickets
    /// as they stand (others are read); events of tickets that no longer exist are skipped.
    func queue(_ events: [EventRow], tickets: [TicketModel] = [], on tx: any Database) async throws {
        guard !events.isEmpty else { return }
        let subscriptions = try await cache.active(on: tx)
        guard !subscriptions.isEmpty else { return }
        let wanted = events.flatMap { event in subscriptions.filter { $0.wants(event.kind) }.map { (event, $0) } }
        guard !wanted.isEmpty else { return }
        var byID = Dictionary(tickets.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = Set(wanted.compactMap(\.0.ticketID)).subtracting(byID.keys)
        if !missing.isEmpty {
            for ticket in try await TicketModel.query(on: tx).filter(\.$id ~~ missing).all() { byID[ticket.id!] = ticket }
        }
        let rows = wanted.compactMap { event, subscription -> OutboxModel? in
            let ticket = event.ticketID.flatMap { byID[$0] }
            if event.ticketID != nil && ticket == nil { return nil }
            let payload = WebhookPayload(
                id: UUID(), event: event.kind, eventID: event.id, occurredAt: event.at, summary: event.summary,
                visibility: event.visibility, actor: event.actorName, before: WebhookPayload.fields(event.before),
                after: WebhookPayload.fields(event.after), ticket: ticket.map(payloadTicket))
            return Self.delivery(
                payload, to: subscription, ticketID: ticket?.id, number: ticket.map { TicketNumber.format($0.number) })
        }
        try await rows.create(on: tx)
    }

    /// The ticket as a payload carries it.
    func payloadTicket(_ ticket: TicketModel) -> WebhookPayload.Ticket {
        let number = TicketNumber.format(ticket.number)
        return WebhookPayload.Ticket(
            id: ticket.id!, number: number, summary: ticket.summary, status: ticket.status, priority: ticket.priority,
            companyID: ticket.companyID, url: "\(publicURL)/tickets/\(number)")
    }

    /// An outbox row for one delivery; its id is the payload's and the `Mend-Delivery` header's.
    static func delivery(
        _ payload: WebhookPayload, to subscription: WebhookSubscriptionCache.Entry, ticketID: UUID?, number: String?
    ) -> OutboxModel {
        let row = OutboxModel()
        row.id = payload.id
        row.ticketID = ticketID
        row.channel = OutboxChannel.webhook
        row.subscriptionID = subscription.id
        row.recipient = subscription.url
        row.subject = [payload.event, number].compactMap { $0 }.joined(separator: " ")
        row.messageID = "webhook-\(payload.id.uuidString.lowercased())"
        row.payload = payload.encoded()
        row.state = "pending"
        row.attempts = 0
        row.nextAttemptAt = payload.occurredAt
        row.createdAt = payload.occurredAt
        return row
    }
}

/// The outbox's channels.
enum OutboxChannel {
    static let email = "email"
    static let webhook = "webhook"
}
