import Foundation
import MendCore
import Vapor

/// One message as the pages show it: where it stands in words.
struct MessageLine: Encodable {
    var id: String
    var ticket: String
    var subject: String
    var recipient: String
    var state: String
    var detail: String
    var at: String
    var canRetry: Bool

    init(_ message: OutboxMessageResponse) {
        id = message.id.uuidString
        ticket = message.ticket ?? ""
        subject = message.subject
        recipient = message.recipient
        state = message.state
        at = WebFormat.time(message.createdAt)
        canRetry = message.state == "failed"
        switch message.state {
        case "sent":
            detail = "sent \(message.sentAt.map(WebFormat.time) ?? "")"
        case "failed":
            detail = "failed after \(message.attempts) attempt(s): \(message.lastError ?? "")"
        default:
            detail =
                message.attempts == 0
                ? "queued"
                : "retrying (\(message.attempts) attempt(s), next \(message.nextAttemptAt.map(WebFormat.time) ?? "")): "
                    + (message.lastError ?? "")
        }
    }
}

/// The ticket page's client-messages panel: the status-update form and every message with its delivery.
struct TicketMessagesView: Encodable {
    var lines: [MessageLine]
    var draft: String
    /// Whether a status update is offered at all (`ClientView.statusUpdateOffered`).
    var offered: Bool
    var hasContact: Bool
    var hasEmail: Bool
    /// The satisfaction survey's answer, or where it stands.
    var survey: String?

    static func make(
        _ messages: [OutboxMessageResponse], ticket: TicketResponse, hasEmail: Bool, survey: SurveyResponse?
    ) -> TicketMessagesView {
        // The draft speaks to the client: their status name and their zone, never the internal status text.
        let due = ticket.sla?.clocks.first { $0.clock == .update && $0.state == .running }?.dueAt
        let zone = ticket.sla?.timezone ?? "UTC"
        let next = due.map { " We will update you again by \(WebFormat.time($0, zone: zone))." } ?? ""
        return TicketMessagesView(
            lines: messages.reversed().map(MessageLine.init),
            draft: "\(ClientView.status(ticket.status)): \(ClientView.explanation(ticket.status))\(next)",
            offered: ClientView.statusUpdateOffered(ticket.status), hasContact: ticket.contactID != nil, hasEmail: hasEmail,
            survey: survey.map { survey in
                if let rating = survey.rating {
                    return "Client rated \(rating)/5" + (survey.comment.map { ": “\($0)”" } ?? "")
                }
                return
                    "Survey sent \(WebFormat.time(survey.sentAt)), not answered (link valid until \(WebFormat.time(survey.expiresAt)))"
            })
    }
}

/// The outbox page: messages with their state; failed ones can be sent again.
struct OutboxPage: Encodable {
    var layout: LayoutContext
    var lines: [MessageLine]
    var states: [Option]
    var smtpConfigured: Bool
}

/// The template editor: the kinds, the one being edited, its fields, and a preview or the refusal.
struct TemplatesPage: Encodable {
    var layout: LayoutContext
    var kinds: [Option]
    var template: TemplateResponse
    var fields: String
    var preview: PreviewResponse?
    var error: ErrorBox?
    var ticket: String
    var canEdit: Bool
    var notice: String?
}

/// Received mail: the quarantine to decide on, and what recently came in.
struct InboundPage: Encodable {
    struct Line: Encodable {
        var id: String
        var sender: String
        var subject: String
        var state: String
        var reason: String
        var ticket: String
        var at: String
        /// An unreadable message can only be discarded (its raw text stays in the log).
        var canAccept: Bool

        init(_ mail: InboundMailResponse) {
            id = mail.id.uuidString
            sender = mail.sender
            subject = mail.subject.isEmpty ? "(no subject)" : mail.subject
            state = mail.state
            reason = mail.reason ?? ""
            ticket = mail.ticket ?? ""
            at = WebFormat.time(mail.receivedAt)
            canAccept = !(mail.reason ?? "").hasPrefix("unreadable")
        }
    }

    var layout: LayoutContext
    var held: [Line]
    var recent: [Line]
    var companies: [Option]
    /// A refused accept or discard: which message, what was typed and why.
    var refusal: FormRefusal.View?
}
