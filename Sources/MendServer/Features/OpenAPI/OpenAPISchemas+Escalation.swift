import MendCore

/// Schemas of escalation policies, pages, notifications and CSR handoffs.
extension OpenAPISchemas {
    static var escalationLevel: Schema {
        let watched = ["type": "string", "enum": EscalationPlan.watchedStatuses.map(\.rawValue)] as Schema
        // One of three triggers: the troubleshooting time box, a share of a clock, or minutes (in a status).
        let trigger: Schema = [
            "type": "object", "additionalProperties": false,
            "description": "{timebox: true}, or clock + percent (0 to 1000), or minutes (+ optional status) without progress",
            "properties": [
                "clock": enumeration(SlaClockKind.self), "percent": integer(0, 1_000), "status": watched,
                "minutes": integer(1, 525_600), "timebox": ["type": "boolean", "enum": [true]],
            ],
            "oneOf": [
                ["required": ["timebox"], "maxProperties": 1],
                [
                    "required": ["clock", "percent"],
                    "not": ["anyOf": [["required": ["minutes"]], ["required": ["status"]], ["required": ["timebox"]]]],
                ],
                [
                    "required": ["minutes"],
                    "not": ["anyOf": [["required": ["clock"]], ["required": ["percent"]], ["required": ["timebox"]]]],
                ],
            ],
        ]
        var actions = object(
            [
                "notify": object(
                    ["users": ["type": "array", "items": uuid], "roles": ["type": "array", "items": text(max: 40)]],
                    required: ["users", "roles"]),
                "queue": requiredText(max: 40).merging(["description": "queue key"]) { a, _ in a },
                "raise_priority": enumeration(Priority.self), "page_rotation": uuid,
            ], required: [])
        // A level must do something.
        actions["anyOf"] = [
            ["required": ["queue"]], ["required": ["raise_priority"]], ["required": ["page_rotation"]],
            ["required": ["notify"], "properties": ["notify": ["properties": ["users": ["minItems": 1]]]]],
            ["required": ["notify"], "properties": ["notify": ["properties": ["roles": ["minItems": 1]]]]],
        ]
        return object(["trigger": trigger, "actions": actions], required: ["trigger", "actions"])
    }

    static var escalationSchemas: [String: Schema] {
        let person = object(["id": uuid, "name": string], required: ["id", "name"])
        return [
            "EscalationPolicyDefinition": object(
                [
                    "name": requiredText(max: 120), "priority": enumeration(Priority.self), "contractID": optionalUUID,
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
