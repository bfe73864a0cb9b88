import MendCore

/// Schemas of escalation policies, pages, notifications and CSR handoffs.
extension OpenAPISchemas {
    static var escalationLevel: Schema {
        object(
            [
                "trigger": [
                    "type": "object", "additionalProperties": false,
                    "description": "either clock + percent (0 to 1000), or minutes (+ optional status) without progress",
                    "properties": [
                        "clock": enumeration(SlaClockKind.self), "percent": ["type": "integer", "minimum": 0, "maximum": 1000],
                        "status": enumeration(TicketStatus.self), "minutes": ["type": "integer", "minimum": 1],
                    ],
                ],
                "actions": object(
                    [
                        "notify": object(
                            ["users": ["type": "array", "items": uuid], "roles": ["type": "array", "items": string]],
                            required: ["users", "roles"]),
                        "queue": ["type": "string", "description": "queue key"],
                        "raise_priority": enumeration(Priority.self), "page_rotation": uuid,
                    ], required: []),
            ], required: ["trigger", "actions"])
    }

    static var escalationSchemas: [String: Schema] {
        let person = object(["id": uuid, "name": string], required: ["id", "name"])
        return [
            "EscalationPolicyDefinition": object(
                [
                    "name": string, "priority": enumeration(Priority.self), "contractID": optionalUUID,
                    "levels": ["type": "array", "items": escalationLevel, "minItems": 1, "maxItems": 20],
                ], required: ["name", "priority", "levels"]),
            "EscalationPolicy": object(
                [
                    "id": uuid, "name": string, "priority": enumeration(Priority.self), "contractID": uuid,
                    "version": integer, "levels": ["type": "array", "items": escalationLevel], "updatedAt": dateTime,
                    "updatedBy": string,
                ], required: ["id", "name", "priority", "version", "levels", "updatedAt", "updatedBy"]),
            "EscalationPolicyVersion": object(
                [
                    "version": integer, "levels": ["type": "array", "items": escalationLevel], "createdAt": dateTime,
                    "createdBy": string,
                ], required: ["version", "levels", "createdAt", "createdBy"]),
            "ManualEscalationRequest": request(
                [
                    "kind": enumeration(ManualEscalation.Kind.self), "reason": requiredText(max: 2_000), "toUserID": uuid,
                    "toQueueID": uuid,
                    "party": text(max: 200).merging(["description": "an SME, vendor or third party outside Mend"]) { a, _ in a },
                ], required: ["kind", "reason"]),
            "Page": object(
                [
                    "id": uuid, "ticket": string, "ticketSummary": string, "priority": string, "reason": string,
                    "state": ["type": "string", "enum": PageState.allCases.map(\.rawValue)],
                    "current": person, "chain": ["type": "array", "items": person], "step": integer, "ackMinutes": integer,
                    "ackDueAt": dateTime, "sentAt": dateTime, "answeredAt": dateTime, "answeredBy": person,
                ],
                required: [
                    "id", "ticket", "ticketSummary", "priority", "reason", "state", "chain", "step", "ackMinutes", "sentAt",
                ]),
            "PageDeclineRequest": request(["reason": requiredText(max: 2_000)], required: ["reason"]),
            "Notification": object(
                [
                    "id": uuid, "kind": string, "title": string, "body": string, "ticket": string, "createdAt": dateTime,
                    "deliveredAt": dateTime, "read": boolean,
                ], required: ["id", "kind", "title", "body", "createdAt", "deliveredAt", "read"]),
            "NotificationList": object(
                ["unread": integer, "items": ["type": "array", "items": ref("Notification")]], required: ["unread", "items"]),
            "WorkingHoursRequest": object(
                ["workingHours": ["oneOf": [ref("Calendar"), ["type": "null"]]]], required: ["workingHours"]),
            "WorkingHours": object(["userID": uuid, "workingHours": ref("Calendar")], required: ["userID"]),
            "HandoffRequest": request(
                ["expectation": requiredText(max: 2_000), "eta": dateTime], required: ["expectation", "eta"]),
            "Handoff": object(
                [
                    "ticket": string, "required": boolean, "missing": boolean, "csrID": uuid, "csrName": string, "at": dateTime,
                    "expectation": string, "eta": dateTime,
                ], required: ["ticket", "required", "missing"]),
            "HandoffReport": object(
                [
                    "from": dateTime, "to": dateTime, "reminderMinutes": integer, "tickets": integer, "handedOff": integer,
                    "withinReminder": integer, "missing": integer, "medianMinutes": integer,
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "ticket": string, "summary": string, "priority": string, "status": string, "openedAt": dateTime,
                                "handoffAt": dateTime, "minutesToHandoff": integer, "csrName": string,
                            ], required: ["ticket", "summary", "priority", "status", "openedAt"]),
                    ],
                ], required: ["from", "to", "reminderMinutes", "tickets", "handedOff", "withinReminder", "missing", "items"]),
        ]
    }
}
