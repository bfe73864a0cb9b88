import Foundation

/// One documented operation: method, path (with {params}), request schema and success response.
struct APIOperation {
    var method: String
    var path: String
    var summary: String
    var tag: String
    var request: String?
    var response: (status: Int, schema: String?)
    var query: [(name: String, description: String)] = []

    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }
}

/// The operations of /api/v1; a test checks this list against the registered routes.
enum APIOperations {
    static var all: [APIOperation] { core + resolution + messages + integrations + reports + process }

    static let core: [APIOperation] = [
        APIOperation(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "meta", response: (200, nil)),
        APIOperation(
            method: "get", path: "/api/v1/tickets", summary: "Search tickets (cursor pagination)", tag: "tickets",
            response: (200, "TicketPage"),
            query: [
                ("status", "Comma-separated statuses"), ("priority", "Comma-separated priorities p1..p4"),
                ("queue", "Queue id"), ("assignee", "User id, 'me' or 'none'"), ("company", "Company id"),
                ("contact", "Client contact id, or 'me': the tickets the signed-in client contact raised"),
                ("q", "Text in summary or description, or a ticket number"), ("open", "true: only open tickets"),
                ("sort", "newest (default), oldest, priority or deadline (nearest SLA deadline first)"),
                ("cursor", "nextCursor of the previous page"),
                ("limit", "1 to 200, default 50"),
            ]),
        APIOperation(
            method: "post", path: "/api/v1/tickets", summary: "Open a ticket", tag: "tickets", request: "CreateTicketRequest",
            response: (201, "Ticket")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}", summary: "Read a ticket (ETag = version)", tag: "tickets",
            response: (200, "Ticket")),
        APIOperation(
            method: "patch", path: "/api/v1/tickets/{number}", summary: "Change fields, assign, re-prioritise (honours If-Match)",
            tag: "tickets", request: "UpdateTicketRequest", response: (200, "Ticket")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/transitions",
            summary: "Legal next statuses and their unmet exit gates", tag: "tickets", response: (200, "TransitionOptionList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/transitions", summary: "Move to another status (honours If-Match)",
            tag: "tickets", request: "TransitionRequest", response: (200, "Ticket")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/notes", summary: "Notes (clients see onstage only)", tag: "tickets",
            response: (200, "NoteList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/notes", summary: "Add a note", tag: "tickets",
            request: "CreateNoteRequest", response: (201, "Note")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/time-entries", summary: "Time entries", tag: "tickets",
            response: (200, "TimeEntryList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/time-entries", summary: "Log time", tag: "tickets",
            request: "CreateTimeEntryRequest", response: (201, "TimeEntry")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/events", summary: "The append-only history", tag: "tickets",
            response: (200, "EventList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/restoration",
            summary: "Record the restoration test (passed moves to Restored)", tag: "tickets", request: "RestorationRequest",
            response: (200, "Ticket")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/verifications", summary: "Verification attempts", tag: "tickets",
            response: (200, "VerificationList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/verifications",
            summary: "Record a verification attempt with the client", tag: "tickets", request: "VerificationRequest",
            response: (201, "Verification")),
        APIOperation(
            method: "get", path: "/api/v1/companies", summary: "Client companies", tag: "directory",
            response: (200, "CompanyList")),
        APIOperation(
            method: "post", path: "/api/v1/companies", summary: "Add a company", tag: "directory", request: "CompanyRequest",
            response: (201, "Company")),
        APIOperation(
            method: "get", path: "/api/v1/companies/{companyID}", summary: "One company", tag: "directory",
            response: (200, "Company")),
        APIOperation(
            method: "get", path: "/api/v1/companies/{companyID}/sites", summary: "Sites of a company", tag: "directory",
            response: (200, "SiteList")),
        APIOperation(
            method: "post", path: "/api/v1/companies/{companyID}/sites", summary: "Add a site", tag: "directory",
            request: "SiteRequest", response: (201, "Site")),
        APIOperation(
            method: "get", path: "/api/v1/companies/{companyID}/contacts", summary: "Contacts of a company", tag: "directory",
            response: (200, "ContactList")),
        APIOperation(
            method: "post", path: "/api/v1/companies/{companyID}/contacts", summary: "Add a contact", tag: "directory",
            request: "ContactRequest", response: (201, "Contact")),
        APIOperation(
            method: "get", path: "/api/v1/companies/{companyID}/contracts", summary: "Contracts of a company", tag: "directory",
            response: (200, "ContractList")),
        APIOperation(
            method: "post", path: "/api/v1/companies/{companyID}/contracts", summary: "Add a contract (contracts.edit)",
            tag: "directory", request: "ContractRequest", response: (201, "Contract")),
        APIOperation(
            method: "put", path: "/api/v1/contracts/{contractID}", summary: "Replace a contract (contracts.edit)",
            tag: "directory", request: "ContractRequest", response: (200, "Contract")),
        APIOperation(
            method: "get", path: "/api/v1/contracts/{contractID}/sla",
            summary: "A contract's SLA policy and business calendar", tag: "sla", response: (200, "ContractSla")),
        APIOperation(
            method: "put", path: "/api/v1/contracts/{contractID}/sla",
            summary: "Set a contract's SLA policy and calendar (null: defaults; contracts.edit); open tickets replay",
            tag: "sla", request: "ContractSlaRequest", response: (200, "ContractSla")),
        APIOperation(
            method: "get", path: "/api/v1/sla-policies", summary: "SLA policies", tag: "sla", response: (200, "SlaPolicyList")),
        APIOperation(
            method: "post", path: "/api/v1/sla-policies", summary: "Add an SLA policy (contracts.edit)", tag: "sla",
            request: "SlaPolicyDefinition", response: (201, "SlaPolicy")),
        APIOperation(
            method: "get", path: "/api/v1/sla-policies/{policyID}", summary: "One SLA policy", tag: "sla",
            response: (200, "SlaPolicy")),
        APIOperation(
            method: "put", path: "/api/v1/sla-policies/{policyID}",
            summary: "Replace an SLA policy (contracts.edit); open tickets under it replay their history", tag: "sla",
            request: "SlaPolicyDefinition", response: (200, "SlaPolicy")),
        APIOperation(
            method: "get", path: "/api/v1/sla/at-risk",
            summary: "Open tickets past a warning share or breached, across all queues, nearest deadline first", tag: "sla",
            response: (200, "TicketList"), query: [("limit", "1 to 500, default 100")]),
        APIOperation(
            method: "post", path: "/api/v1/alerts/alertmanager",
            summary:
                "Prometheus Alertmanager webhook (version 4): firing alerts open or repeat tickets, resolved ones note or restore them",
            tag: "alerts", request: "AlertmanagerWebhook", response: (200, "AlertIntake")),
        APIOperation(
            method: "post", path: "/api/v1/alerts", summary: "One alert from any monitoring system (generic form)",
            tag: "alerts", request: "Alert", response: (200, "AlertIntake")),
        APIOperation(
            method: "get", path: "/api/v1/alerts/severity-table", summary: "Severity to impact and urgency", tag: "alerts",
            response: (200, "SeverityTable")),
        APIOperation(
            method: "put", path: "/api/v1/alerts/severity-table",
            summary: "Replace the severity table and what a resolved alert does (queues.manage)", tag: "alerts",
            request: "SeverityTable", response: (200, "SeverityTable")),
        APIOperation(
            method: "get", path: "/api/v1/rotations", summary: "On-call rotations with the next four weeks of shifts",
            tag: "oncall", response: (200, "RotationList")),
        APIOperation(
            method: "post", path: "/api/v1/rotations", summary: "Add a rotation (queues.manage)", tag: "oncall",
            request: "RotationRequest", response: (201, "Rotation")),
        APIOperation(
            method: "get", path: "/api/v1/rotations/{rotationID}", summary: "One rotation", tag: "oncall",
            response: (200, "Rotation")),
        APIOperation(
            method: "post", path: "/api/v1/rotations/{rotationID}/overrides",
            summary: "Someone covers the rotation for a period (queues.manage)", tag: "oncall",
            request: "RotationOverrideRequest", response: (201, "Rotation")),
        APIOperation(
            method: "get", path: "/api/v1/oncall", summary: "Who is on call at an instant, past or future, per rotation",
            tag: "oncall", response: (200, "OnCall"),
            query: [("at", "ISO 8601 instant; now when omitted"), ("rotation", "one rotation's id")]),
        APIOperation(
            method: "get", path: "/api/v1/escalation-policies", summary: "Escalation policies per priority (and contract)",
            tag: "escalation", response: (200, "EscalationPolicyList")),
        APIOperation(
            method: "post", path: "/api/v1/escalation-policies", summary: "Add an escalation policy (queues.manage)",
            tag: "escalation", request: "EscalationPolicyDefinition", response: (201, "EscalationPolicy")),
        APIOperation(
            method: "get", path: "/api/v1/escalation-policies/{policyID}", summary: "One escalation policy",
            tag: "escalation", response: (200, "EscalationPolicy")),
        APIOperation(
            method: "put", path: "/api/v1/escalation-policies/{policyID}",
            summary: "Replace a policy's levels (queues.manage): a new version, applied to open tickets from now on",
            tag: "escalation", request: "EscalationPolicyDefinition", response: (200, "EscalationPolicy")),
        APIOperation(
            method: "get", path: "/api/v1/escalation-policies/{policyID}/versions",
            summary: "Every version of a policy's levels, newest first", tag: "escalation",
            response: (200, "EscalationPolicyVersionList")),
        APIOperation(
            method: "post", path: "/api/v1/tickets/{number}/escalations",
            summary: "Escalate by hand: functional (SME, queue, vendor, third party) or hierarchical (service manager)",
            tag: "escalation", request: "ManualEscalationRequest", response: (200, "Ticket")),
        APIOperation(
            method: "post", path: "/api/v1/queues/{queueID}/pull",
            summary: "Take the queue's most urgent unassigned ticket (priority, then nearest deadline); 204 when none waits",
            tag: "tickets", response: (200, "Ticket")),
        APIOperation(
            method: "get", path: "/api/v1/pages", summary: "On-call pages: open ones for you, or all", tag: "oncall",
            response: (200, "PageList"), query: [("scope", "mine (default: open pages with you now) or all")]),
        APIOperation(
            method: "post", path: "/api/v1/pages/{pageID}/acknowledge",
            summary: "Acknowledge a page (stops its escalation)", tag: "oncall", response: (200, "Page")),
        APIOperation(
            method: "post", path: "/api/v1/pages/{pageID}/elect",
            summary: "Elect remote resolution: acknowledge and take the ticket (source after-hours on-call)", tag: "oncall",
            response: (200, "Page")),
        APIOperation(
            method: "post", path: "/api/v1/pages/{pageID}/decline",
            summary: "Decline with a reason: the page goes to the next person in the chain", tag: "oncall",
            request: "PageDeclineRequest", response: (200, "Page")),
        APIOperation(
            method: "get", path: "/api/v1/notifications", summary: "Your delivered notifications, newest first",
            tag: "notifications", response: (200, "NotificationList"),
            query: [("unread", "true: unread only"), ("limit", "1 to 200, default 50")]),
        APIOperation(
            method: "post", path: "/api/v1/notifications/read-all", summary: "Mark every delivered notification read",
            tag: "notifications", response: (200, "NotificationList")),
        APIOperation(
            method: "post", path: "/api/v1/notifications/{notificationID}/read", summary: "Mark one notification read",
            tag: "notifications", response: (204, nil)),
        APIOperation(
            method: "get", path: "/api/v1/me/working-hours", summary: "When your notifications reach you",
            tag: "notifications", response: (200, "WorkingHours")),
        APIOperation(
            method: "put", path: "/api/v1/me/working-hours",
            summary: "Set your working hours (a calendar) or null for always", tag: "notifications",
            request: "WorkingHoursRequest", response: (200, "WorkingHours")),
        APIOperation(
            method: "get", path: "/api/v1/tickets/{number}/handoff", summary: "The CSR handoff (required on P1/P2)",
            tag: "tickets", response: (200, "Handoff")),
        APIOperation(
            method: "put", path: "/api/v1/tickets/{number}/handoff",
            summary: "Record the CSR handoff: the expectation and ETA given to the client", tag: "tickets",
            request: "HandoffRequest", response: (200, "Handoff")),
        APIOperation(
            method: "get", path: "/api/v1/reports/handoffs", summary: "P1/P2 tickets opened in a period and their handoffs",
            tag: "reports", response: (200, "HandoffReport"),
            query: [("from", "ISO 8601 instant; 30 days before to by default"), ("to", "ISO 8601 instant; now by default")]),
        APIOperation(
            method: "get", path: "/api/v1/queues", summary: "Queues (boards)", tag: "directory", response: (200, "QueueList")),
        APIOperation(
            method: "post", path: "/api/v1/queues", summary: "Add a queue", tag: "directory", request: "QueueRequest",
            response: (201, "Queue")),
        APIOperation(method: "get", path: "/api/v1/users", summary: "Users", tag: "directory", response: (200, "UserList")),
        APIOperation(
            method: "post", path: "/api/v1/users", summary: "Add a user (users.manage)", tag: "directory", request: "UserRequest",
            response: (201, "User")),
        APIOperation(method: "get", path: "/api/v1/users/me", summary: "Who am I", tag: "directory", response: (200, "Me")),
        APIOperation(
            method: "patch", path: "/api/v1/users/{userID}", summary: "Change a person's name, role or activity (users.manage)",
            tag: "directory", request: "UserUpdateRequest", response: (200, "User")),
        APIOperation(
            method: "post", path: "/api/v1/users/{userID}/password",
            summary: "Give an account a new generated password, answered once (users.manage)", tag: "directory",
            response: (200, "PasswordReset")),
        APIOperation(
            method: "patch", path: "/api/v1/users/me", summary: "Set my time zone (null: the default)", tag: "directory",
            request: "ProfileRequest", response: (200, "Me")),
        APIOperation(
            method: "get", path: "/api/v1/roles", summary: "Roles and their permissions", tag: "directory",
            response: (200, "RoleList")),
        APIOperation(
            method: "post", path: "/api/v1/tokens", summary: "Create an API token for yourself (shown once)", tag: "auth",
            request: "TokenRequest", response: (201, "Token")),
    ]
}
