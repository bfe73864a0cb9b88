/// The operations of outbound webhooks and the portal's emailed sign-in links.
extension APIOperations {
    static let integrations: [APIOperation] = [
        APIOperation(
            method: "get", path: "/api/v1/webhooks", summary: "Webhook subscriptions (integrations.manage)",
            tag: "webhooks", response: (200, "WebhookList")),
        APIOperation(
            method: "post", path: "/api/v1/webhooks",
            summary: "Subscribe a URL to event kinds; the answer carries the signing secret, shown this once",
            tag: "webhooks", request: "WebhookRequest", response: (201, "Webhook")),
        APIOperation(
            method: "get", path: "/api/v1/webhooks/{id}", summary: "One subscription and its newest attempt",
            tag: "webhooks", response: (200, "Webhook")),
        APIOperation(
            method: "put", path: "/api/v1/webhooks/{id}",
            summary: "Change URL, events, description or active (absent members keep their value)", tag: "webhooks",
            request: "WebhookUpdateRequest", response: (200, "Webhook")),
        APIOperation(
            method: "delete", path: "/api/v1/webhooks/{id}",
            summary: "Remove a subscription; its waiting deliveries are marked failed", tag: "webhooks", response: (204, nil)),
        APIOperation(
            method: "post", path: "/api/v1/webhooks/{id}/secret", summary: "Rotate the signing secret (shown once)",
            tag: "webhooks", response: (200, "Webhook")),
        APIOperation(
            method: "post", path: "/api/v1/webhooks/{id}/ping", summary: "Queue a signed test delivery (event ping)",
            tag: "webhooks", response: (202, "OutboxMessage")),
        APIOperation(
            method: "get", path: "/api/v1/webhooks/{id}/deliveries",
            summary: "The delivery log: each attempt's status code, answer or error, newest first", tag: "webhooks",
            response: (200, "WebhookAttemptList")),
        APIOperation(
            method: "post", path: "/api/v1/login-links",
            summary: "Email a client contact a one-time portal sign-in link (no sign-in; the same answer for any address)",
            tag: "portal", request: "LoginLinkRequest", response: (202, "LoginLinkAccepted")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/survey",
            summary: "The ticket's client contact answers its satisfaction survey from the portal; 410 once answered or expired",
            tag: "portal", request: "SurveyAnswerRequest", response: (200, "Survey")),
    ]
}
