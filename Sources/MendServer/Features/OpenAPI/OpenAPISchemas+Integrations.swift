import MendCore

/// Schemas of outbound webhooks and the portal's sign-in links.
extension OpenAPISchemas {
    static var integrationSchemas: [String: Schema] {
        let events: Schema = [
            "type": "array",
            "items": ["type": "string", "enum": [WebhookSubscription.allKinds] + EventKind.allCases.map(\.rawValue)],
        ]
        var nonEmptyEvents = events
        nonEmptyEvents["minItems"] = 1
        return [
            "WebhookRequest": request(
                [
                    "url": link, "events": nonEmptyEvents, "description": text(max: 200), "active": boolean,
                    "secret": [
                        "type": "string", "pattern": "^[!-~]{16,200}$",
                        "description": "16 to 200 printable ASCII characters without spaces; made by Mend when absent",
                    ],
                ], required: ["url", "events"]),
            "WebhookUpdateRequest": request(
                [
                    "url": link, "events": nonEmptyEvents, "description": text(max: 200), "active": boolean,
                    "secret": [
                        "not": [:] as Schema, "description": "cannot be set on a subscription that exists; rotate it (422)",
                    ],
                ], required: [], notNull: ["secret"]),
            "Webhook": object(
                [
                    "id": uuid, "url": string, "events": events, "description": string, "active": boolean,
                    "createdAt": dateTime, "createdBy": string, "updatedAt": dateTime,
                    "secret": ["type": "string", "description": "only when created or rotated"],
                    "lastAttempt": ref("WebhookAttempt"),
                ], required: ["id", "url", "events", "description", "active", "createdAt", "createdBy", "updatedAt"]),
            "WebhookList": list(of: "Webhook"),
            "WebhookAttempt": object(
                [
                    "delivery": uuid, "event": string, "attempt": integer, "at": dateTime, "statusCode": integer,
                    "response": string, "error": string, "durationMs": integer,
                    "state": ["type": "string", "enum": ["pending", "sent", "failed"]],
                ], required: ["delivery", "event", "attempt", "at", "durationMs"]),
            "WebhookAttemptList": list(of: "WebhookAttempt"),
            "LoginLinkRequest": request(["email": email], required: ["email"]),
            "LoginLinkAccepted": object(["detail": string], required: ["detail"]),
        ]
    }
}
