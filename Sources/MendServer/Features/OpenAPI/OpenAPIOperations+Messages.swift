/// The operations of client messages, the outbox and the message templates.
extension APIOperations {
    static let messages: [APIOperation] = [
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/messages", summary: "Messages to the client and their delivery",
            tag: "messages", response: (200, "OutboxMessageList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/updates",
            summary: "Send a status update: an onstage note, emailed with the status-update template", tag: "messages",
            request: "StatusUpdateRequest", response: (201, "StatusUpdate")),
        APIOperation(
            method: "get", path: "/api/v1/outbox", summary: "The outbox, newest first", tag: "messages",
            response: (200, "OutboxMessageList"), query: [("state", "pending, sent or failed")]),
        APIOperation(
            method: "post", path: "/api/v1/outbox/{id}/retry", summary: "Send a failed message again", tag: "messages",
            response: (200, "OutboxMessage")),
        APIOperation(
            method: "get", path: "/api/v1/message-templates", summary: "Every client message template", tag: "messages",
            response: (200, "TemplateList")),
        APIOperation(
            method: "get", path: "/api/v1/message-templates/{kind}", summary: "One template", tag: "messages",
            response: (200, "Template")),
        APIOperation(
            method: "put", path: "/api/v1/message-templates/{kind}", summary: "Change a template (contracts.edit)",
            tag: "messages", request: "TemplateRequest", response: (200, "Template")),
        APIOperation(
            method: "delete", path: "/api/v1/message-templates/{kind}", summary: "Back to the shipped template",
            tag: "messages", response: (200, "Template")),
        APIOperation(
            method: "post", path: "/api/v1/message-templates/{kind}/preview",
            summary: "Render a draft with a ticket's fields (or samples); a missing field is a 422 naming it",
            tag: "messages", request: "TemplatePreviewRequest", response: (200, "Preview")),
        APIOperation(
            method: "post", path: "/api/v1/mail/inbound",
            summary: "Deliver one inbound email (body: the raw message as message/rfc822, up to 30 MB); used by mend mailgate",
            tag: "mail", response: (202, "InboundOutcome")),
        APIOperation(
            method: "get", path: "/api/v1/mail/inbound", summary: "Received mail, newest first", tag: "mail",
            response: (200, "InboundMailList"),
            query: [("state", "delivered, created, reopened, quarantined, ignored, accepted or discarded")]),
        APIOperation(
            method: "post", path: "/api/v1/mail/inbound/{id}/accept",
            summary: "Accept a quarantined sender: creates the contact in companyID and files the mail", tag: "mail",
            request: "AcceptMailRequest", response: (200, "InboundOutcome")),
        APIOperation(
            method: "post", path: "/api/v1/mail/inbound/{id}/discard", summary: "Discard a quarantined message",
            tag: "mail", response: (200, "InboundMail")),
        APIOperation(
            method: "post", path: "/api/v1/surveys/{token}",
            summary: "A client's survey answer (no sign-in: the one-time link's token); 410 once answered or expired",
            tag: "mail", request: "SurveyAnswerRequest", response: (200, "Survey")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/survey", summary: "The ticket's latest satisfaction survey",
            tag: "mail", response: (200, "Survey")),
        APIOperation(
            method: "get", path: "/api/v1/reports/surveys", summary: "Surveys sent in a period: answered, mean rating, counts",
            tag: "reports", response: (200, "SurveySummary"),
            query: [("from", "ISO 8601 instant; 30 days before to by default"), ("to", "ISO 8601 instant; now by default")]),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/confirmation",
            summary: "The client answers 'restored, please verify': works true confirms, false sends the work back",
            tag: "messages", request: "ConfirmationRequest", response: (200, "Ticket")),
    ]
}
