import Fluent
import Foundation
import MendCore
import NIOCore
import SQLKit

/// Delivers what the outbox holds: claims due messages under a lease (so with several `mend serve`
/// processes each message is handed to SMTP, or posted to its webhook, by one of them), sends each outside
/// any transaction, then records sent, a retry with backoff, or the failure with the other side's answer.
struct OutboxSender {
    let db: any Database
    let services: MendServices
    /// Without SMTP settings email waits in the outbox; webhooks still go.
    let smtp: SMTPSettings?
    let group: any EventLoopGroup
    var poster = WebhookPoster()
    var batchSize = 20
    /// Long enough for the slowest SMTP conversation; a crashed sender's messages are due again after it.
    var leaseSeconds = 300.0

    /// One pass: returns how many messages were handed over (to SMTP, or taken by a webhook receiver).
    @discardableResult
    func tick(now: Date) async throws -> Int {
        let claimed = try await claim(now: now)
        // Webhooks go out side by side, next to the mail: one receiver that is down (each attempt waits
        // for its timeout) holds up neither the others nor the client's email.
        let hooks = claimed.filter { $0.channel == OutboxChannel.webhook }
        async let delivered = withThrowingTaskGroup(of: Bool.self) { group in
            for row in hooks { group.addTask { try await deliverWebhook(row) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        var sent = 0
        for row in claimed where row.channel != OutboxChannel.webhook {
            guard let smtp else { continue }
            do {
                try await SMTPClient(settings: smtp, group: group).send(row.payload, to: row.recipient)
                sent += 1
                try await finish(row, now: services.clock.now(), error: nil)
            } catch {
                try await finish(row, now: services.clock.now(), error: error)
            }
        }
        return sent + (try await delivered)
    }

    private func claim(now: Date) async throws -> [OutboxModel] {
        try await services.gate.transaction(on: db) { tx in
            let sql = try tx.sql
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            let channels = smtp == nil ? " AND channel = '\(OutboxChannel.webhook)'" : ""
            struct Row: Decodable { var id: UUID }
            let ids = try await sql.raw(
                """
                SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now))\(unsafeRaw: channels)
                ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(batchSize))\(unsafeRaw: lock)
                """
            ).all(decoding: Row.self).map(\.id)
            guard !ids.isEmpty else { return [] }
            try await OutboxModel.query(on: tx).filter(\.$id ~~ ids)
                .set(\.$leaseUntil, to: now.addingTimeInterval(leaseSeconds)).update()
            return try await OutboxModel.query(on: tx).filter(\.$id ~~ ids).all()
        }
    }

    /// Records an attempt's outcome: sent, a retry with backoff, or failed (email: with a notice to staff).
    func finish(
        _ row: OutboxModel, now: Date, error: (any Error)?, log: WebhookDeliveryModel? = nil
    ) async throws {
        row.attempts += 1
        row.leaseUntil = nil
        guard let error else {
            row.state = "sent"
            row.sentAt = now
            row.lastError = nil
            if row.template == SignInLinkService.template { row.payload = SignInLinkService.redacted }
            try await services.gate.transaction(on: db) { tx in
                try await row.update(on: tx)
                try await log?.create(on: tx)
            }
            return
        }
        let answer = (error as? SMTPError)?.description ?? (error as? WebhookRefused)?.text ?? "\(error)"
        row.lastError = String(answer.prefix(1_000))
        let permanent = (error as? SMTPError)?.isPermanent == true || error is WebhookGone
        if !permanent, let next = services.config.outboxRetry.nextAttempt(after: row.attempts, failedAt: now) {
            row.nextAttemptAt = next
            try await services.gate.transaction(on: db) { tx in
                try await row.update(on: tx)
                try await log?.create(on: tx)
            }
            return
        }
        row.state = "failed"
        row.nextAttemptAt = nil
        try await services.gate.transaction(on: db) { tx in
            try await row.update(on: tx)
            try await log?.create(on: tx)
            // A webhook that failed is the admins' to see on its page; a ticket event about it would itself
            // be a webhook event, and a receiver that is down would be sent news of its own outage.
            guard row.channel == OutboxChannel.email, let ticketID = row.ticketID else { return }
            try await TicketLoader(db: tx).lock(ticketID)
            guard let ticket = try await TicketModel.find(ticketID, on: tx) else { return }
            let text = "Email to \(row.recipient) failed after \(row.attempts) attempt(s): \(row.lastError ?? "")"
            let notifier = Notifier(db: tx, services: services)
            var people = try await notifier.staff(ids: ticket.assigneeID.map { [$0] } ?? [])
            if people.isEmpty { people = try await notifier.staff(roles: ["service_manager"]) }
            try await notifier.send(
                to: people, ticket: ticket, kind: "message_failed", title: "\(Notifier.label(ticket)): email not delivered",
                body: text, now: now)
            var events = EventRecorder(system: "Mend mail", at: now)
            events.record(
                .messageFailed, summary: text, after: ["outboxID": row.id!.uuidString, "error": row.lastError ?? ""])
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: ticket.status, replayClocks: false, now: now, on: tx,
                services: services)
        }
    }
}
