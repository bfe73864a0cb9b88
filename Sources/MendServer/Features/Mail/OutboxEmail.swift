import Foundation
import MendCore

/// An email as an outbox row, from the configured sender: the one place that names the envelope, makes the
/// Message-ID and renders the RFC 5322 text.
struct OutboxEmail {
    let config: MendConfig

    /// The domain of Message-IDs and thread ids: the EHLO name, else a local placeholder.
    var domain: String { config.smtp?.heloName ?? "mend.localhost" }

    /// A pending row for `to`; `threadRoot` threads a ticket's messages, `template` says what kind it is.
    func row(
        to: MailAddress, subject: String, text: String, html: String, template: String?, ticketID: UUID?,
        threadRoot: String? = nil, at now: Date
    ) -> OutboxModel {
        let row = OutboxModel()
        row.id = UUID()
        row.ticketID = ticketID
        row.channel = OutboxChannel.email
        row.template = template
        row.messageID = "\(UUID().uuidString.lowercased())@\(domain)"
        let mail = MailMessage(
            from: MailAddress(config.smtp?.from ?? "servicedesk@\(domain)", name: config.smtp?.fromName ?? config.mspName),
            to: to, subject: subject, text: text, html: html, messageID: row.messageID, threadRoot: threadRoot, date: now)
        row.recipient = to.address
        row.subject = mail.subject
        row.payload = mail.rfc5322(boundary: "mend-\(row.id!.uuidString.lowercased())")
        row.state = "pending"
        row.attempts = 0
        row.nextAttemptAt = now
        row.createdAt = now
        return row
    }
}
