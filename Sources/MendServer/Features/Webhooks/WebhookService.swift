import Fluent
import Foundation
import MendCore
import Vapor

/// Webhook subscriptions for admins (integrations.manage): create, change, rotate the secret, delete,
/// send a test ping, read the delivery log.
struct WebhookService {
    let db: any Database
    let services: MendServices

    func list(for principal: Principal) async throws -> [WebhookResponse] {
        try Self.authorise(principal)
        let rows = try await WebhookSubscriptionModel.query(on: db).sort(\.$createdAt).all()
        var out: [WebhookResponse] = []
        for row in rows { out.append(Self.response(row, last: try await attempts(of: row.id!, limit: 1).first)) }
        return out
    }

    func get(_ id: UUID, for principal: Principal) async throws -> WebhookResponse {
        try Self.authorise(principal)
        let row = try await find(id, on: db)
        return Self.response(row, last: try await attempts(of: id, limit: 1).first)
    }

    func create(_ request: WebhookRequest, by principal: Principal) async throws -> WebhookResponse {
        try Self.authorise(principal)
        let checked = try WebhookSubscription(
            url: request.url, kinds: request.events, description: request.description, active: request.active)
        let secret = try Self.secret(request.secret)
        let now = services.clock.now()
        let row = WebhookSubscriptionModel()
        row.id = UUID()
        row.secret = secret
        row.createdAt = now
        row.createdBy = principal.name
        apply(checked, to: row, now: now)
        try await services.gate.transaction(on: db) { tx in try await row.create(on: tx) }
        services.webhookSubscriptions.invalidate()
        var response = Self.response(row, last: nil)
        response.secret = secret
        return response
    }

    func update(_ id: UUID, _ request: Decoded<WebhookRequest>, by principal: Principal) async throws -> WebhookResponse {
        try Self.authorise(principal)
        if request.has("secret") {
            throw Problem.invalid("secret", "cannot be set on a subscription that exists; rotate it instead")
        }
        let row = try await services.gate.transaction(on: db) { tx in
            let row = try await find(id, on: tx)
            let body = request.body
            let checked = try WebhookSubscription(
                url: body.url ?? row.url, kinds: body.events ?? Array(WebhookSubscription.kinds(from: row.kinds)),
                description: body.description ?? row.description, active: body.active ?? row.active)
            apply(checked, to: row, now: services.clock.now())
            try await row.update(on: tx)
            return row
        }
        services.webhookSubscriptions.invalidate()
        return Self.response(row, last: try await attempts(of: id, limit: 1).first)
    }

    /// A new secret; deliveries from now on are signed with it, retries of older ones too.
    func rotate(_ id: UUID, by principal: Principal) async throws -> WebhookResponse {
        try Self.authorise(principal)
        let secret = try Self.secret(nil)
        let row = try await services.gate.transaction(on: db) { tx in
            let row = try await find(id, on: tx)
            row.secret = secret
            row.updatedAt = services.clock.now()
            try await row.update(on: tx)
            return row
        }
        var response = Self.response(row, last: try await attempts(of: id, limit: 1).first)
        response.secret = secret
        return response
    }

    /// Removes the subscription, its log, and any delivery still waiting (marked failed, so the outbox says why).
    func delete(_ id: UUID, by principal: Principal) async throws {
        try Self.authorise(principal)
        try await services.gate.transaction(on: db) { tx in
            let row = try await find(id, on: tx)
            try await OutboxModel.query(on: tx).filter(\.$subscriptionID == id).filter(\.$state == "pending")
                .set(\.$state, to: "failed").set(\.$nextAttemptAt, to: nil)
                .set(\.$lastError, to: "The webhook subscription was deleted").update()
            try await WebhookDeliveryModel.query(on: tx).filter(\.$subscriptionID == id).delete()
            try await row.delete(on: tx)
        }
        services.webhookSubscriptions.invalidate()
    }

    /// Queues a `ping` delivery, whatever kinds the subscription takes, to check the receiver and its signature check.
    func ping(_ id: UUID, by principal: Principal) async throws -> OutboxMessageResponse {
        try Self.authorise(principal)
        let now = services.clock.now()
        return try await services.gate.transaction(on: db) { tx in
            let row = try await find(id, on: tx)
            let entry = WebhookSubscriptionCache.Entry(id: id, url: row.url, kinds: row.kinds)
            let ping = WebhookPayload(
                id: UUID(), event: WebhookPayload.ping, eventID: nil, occurredAt: now,
                summary: "Test delivery sent by \(principal.name)", visibility: Visibility.backstage.rawValue,
                actor: principal.name, before: nil, after: nil, ticket: nil)
            let delivery = WebhookFanout.delivery(ping, to: entry, ticketID: nil, number: nil)
            try await delivery.create(on: tx)
            return MessageService.response(delivery, number: nil)
        }
    }

    /// The delivery log, newest attempt first.
    func deliveries(_ id: UUID, for principal: Principal) async throws -> [WebhookAttemptResponse] {
        try Self.authorise(principal)
        _ = try await find(id, on: db)
        return try await attempts(of: id, limit: 100)
    }

    private func attempts(of id: UUID, limit: Int) async throws -> [WebhookAttemptResponse] {
        let rows = try await WebhookDeliveryModel.query(on: db).filter(\.$subscriptionID == id)
            .sort(\.$at, .descending).sort(\.$attempt, .descending).limit(limit).all()
        let states = try await OutboxModel.query(on: db).filter(\.$id ~~ Set(rows.map(\.outboxID))).all()
        let state = Dictionary(uniqueKeysWithValues: states.map { ($0.id!, $0.state) })
        return rows.map {
            WebhookAttemptResponse(
                delivery: $0.outboxID, event: $0.event, attempt: $0.attempt, at: $0.at, statusCode: $0.statusCode,
                response: $0.response, error: $0.error, durationMs: $0.durationMs, state: state[$0.outboxID])
        }
    }

    private func find(_ id: UUID, on db: any Database) async throws -> WebhookSubscriptionModel {
        guard let row = try await WebhookSubscriptionModel.find(id, on: db) else { throw Problem.notFound("webhook") }
        return row
    }

    private func apply(_ checked: WebhookSubscription, to row: WebhookSubscriptionModel, now: Date) {
        row.url = checked.url.absoluteString
        row.kinds = checked.kindsText
        row.description = checked.description
        row.active = checked.active
        row.updatedAt = now
    }

    /// An admin's own secret (16 to 200 printable characters), or a new random one.
    private static func secret(_ given: String?) throws -> String {
        guard let given else { return "whsec_" + Data.random(count: 32).base64URLEncoded }
        guard (16...200).contains(given.count), given.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline })
        else { throw Problem.invalid("secret", "must be 16 to 200 printable ASCII characters without spaces") }
        return given
    }

    private static func authorise(_ principal: Principal) throws {
        try principal.requireStaff("webhook")
        try principal.require(.integrationsManage)
    }

    static func response(_ row: WebhookSubscriptionModel, last: WebhookAttemptResponse?) -> WebhookResponse {
        WebhookResponse(
            id: row.id!, url: row.url, events: WebhookSubscription.kinds(from: row.kinds).sorted(),
            description: row.description, active: row.active, createdAt: row.createdAt, createdBy: row.createdBy,
            updatedAt: row.updatedAt, secret: nil, lastAttempt: last)
    }
}

extension Request {
    var webhooks: WebhookService { WebhookService(db: db, services: application.mend) }
}
