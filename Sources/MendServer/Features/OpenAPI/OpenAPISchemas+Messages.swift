import MendCore

/// Schemas of client messages, the outbox and message templates.
extension OpenAPISchemas {
    static var messageSchemas: [String: Schema] {
        [
            "StatusUpdateRequest": request(["body": requiredText(max: 20_000)], required: ["body"]),
            "OutboxMessage": object(
                [
                    "id": uuid, "channel": ["type": "string", "enum": ["email", "webhook"]], "ticket": string,
                    "template": [
                        "type": "string",
                        "enum": MessageTemplate.Kind.allCases.map(\.rawValue) + [
                            SignInLinkService.template, ClientReviewMailer.template,
                        ],
                    ],
                    "recipient": string,
                    "subject": string, "messageID": string,
                    "state": ["type": "string", "enum": ["pending", "sent", "failed"]], "attempts": integer,
                    "nextAttemptAt": dateTime, "lastError": string, "createdAt": dateTime, "sentAt": dateTime,
                ], required: ["id", "channel", "recipient", "subject", "messageID", "state", "attempts", "createdAt"]),
            "OutboxMessageList": list(of: "OutboxMessage"),
            "StatusUpdate": object(["noteID": uuid, "message": ref("OutboxMessage")], required: ["noteID"]),
            "TemplateRequest": request(
                [
                    "subject": requiredText(max: 300), "text": requiredText(max: 20_000), "html": requiredText(max: 50_000),
                    "ticket": ["not": [:] as Schema, "description": "only for previews; refused here (422)"],
                ], required: ["subject", "text", "html"], notNull: ["ticket"]),
            "TemplatePreviewRequest": request(
                [
                    "subject": requiredText(max: 300), "text": requiredText(max: 20_000), "html": requiredText(max: 50_000),
                    "ticket": text().merging(["description": "the ticket whose fields fill the template"]) { a, _ in a },
                ], required: []),
            "Template": object(
                [
                    "kind": enumeration(MessageTemplate.Kind.self), "title": string,
                    "fields": ["type": "array", "items": string],
                    "subject": string, "text": string, "html": string, "custom": boolean, "updatedAt": dateTime,
                    "updatedBy": string,
                ], required: ["kind", "title", "fields", "subject", "text", "html", "custom"]),
            "TemplateList": list(of: "Template"),
            "InboundOutcome": object(
                [
                    "id": uuid,
                    "outcome": [
                        "type": "string",
                        "enum": ["delivered", "created", "reopened", "quarantined", "ignored", "duplicate"],
                    ], "ticket": string, "reason": string,
                ], required: ["id", "outcome"]),
            "InboundMail": object(
                [
                    "id": uuid, "sender": string, "subject": string, "state": string, "reason": string, "ticket": string,
                    "receivedAt": dateTime, "handledAt": dateTime, "handledBy": string,
                ], required: ["id", "sender", "subject", "state", "receivedAt"]),
            "InboundMailList": list(of: "InboundMail"),
            "AcceptMailRequest": request(["companyID": uuid, "name": text(max: 200)], required: ["companyID"]),
            "ConfirmationRequest": request(["works": boolean, "note": text(max: 2_000)], required: ["works"]),
            "SurveyAnswerRequest": request(["rating": integer(1, 5), "comment": text(max: 2_000)], required: ["rating"]),
            "Survey": object(
                [
                    "ticket": string, "sentAt": dateTime, "expiresAt": dateTime, "answeredAt": dateTime, "rating": integer,
                    "comment": string,
                ], required: ["ticket", "sentAt", "expiresAt"]),
            "SurveySummary": object(
                [
                    "from": dateTime, "to": dateTime, "sent": integer, "answered": integer, "meanRating": ["type": "number"],
                    "counts": ["type": "array", "items": integer],
                ], required: ["from", "to", "sent", "answered", "counts"]),
            "Preview": object(
                ["subject": string, "text": string, "html": string, "ticket": string], required: ["subject", "text", "html"]),
        ]
    }
}
