import MendCore

/// JSON Schemas of the API's bodies; tests compare them with the DTOs the server really sends and accepts.
enum OpenAPISchemas {
    typealias Schema = [String: Any]

    static var string: Schema { ["type": "string"] }
    static var text: Schema { ["type": ["string", "null"]] }
    static var uuid: Schema { ["type": "string", "format": "uuid"] }
    static var optionalUUID: Schema { ["type": ["string", "null"], "format": "uuid"] }
    static var integer: Schema { ["type": "integer"] }
    static var boolean: Schema { ["type": "boolean"] }
    static var dateTime: Schema { ["type": "string", "format": "date-time"] }
    static var optionalDateTime: Schema { ["type": ["string", "null"], "format": "date-time"] }

    static func enumeration<T: CaseIterable & RawRepresentable<String>>(_ type: T.Type) -> Schema {
        ["type": "string", "enum": T.allCases.map(\.rawValue)]
    }

    /// An enumeration of some of a type's values.
    static func enumeration<T: RawRepresentable<String>>(_ type: T.Type, from values: [T]) -> Schema {
        ["type": "string", "enum": values.map(\.rawValue)]
    }

    static func ref(_ name: String) -> Schema { ["$ref": "#/components/schemas/\(name)"] }

    static func object(_ properties: [String: Schema], required: [String]) -> Schema {
        ["type": "object", "properties": properties, "required": required, "additionalProperties": false]
    }

    static func list(of name: String) -> Schema {
        object(["items": ["type": "array", "items": ref(name)]], required: ["items"])
    }

    static var all: [String: Schema] {
        var schemas: [String: Schema] = [
            "Problem": object(
                [
                    "type": string, "title": string, "status": integer, "detail": string, "field": string,
                    "errors": [
                        "type": "array", "items": object(["field": string, "message": string], required: ["field", "message"]),
                    ],
                    "gates": [
                        "type": "array",
                        "items": object(["gate": enumeration(ExitGate.self), "detail": string], required: ["gate", "detail"]),
                    ],
                    "allowed": ["type": "array", "items": string],
                ], required: ["type", "title", "status", "detail"]),
            "Ticket": ticket,
            "TicketPage": object(
                ["items": ["type": "array", "items": ref("Ticket")], "nextCursor": string], required: ["items"]),
            "CreateTicketRequest": request(
                [
                    "summary": requiredText(max: TicketDraft.Limits.summary),
                    "description": text(max: TicketDraft.Limits.description), "type": text(max: TicketDraft.Limits.type),
                    "subtype": text(max: TicketDraft.Limits.type), "impact": enumeration(Impact.self),
                    "urgency": enumeration(Urgency.self), "source": enumeration(TicketSource.self),
                    "companyID": uuid, "contactID": uuid, "siteID": uuid, "queueID": uuid, "assigneeID": uuid,
                    "configurationItem": text(max: TicketDraft.Limits.configurationItem), "tier1": tier1,
                ], required: ["summary"]),
            "UpdateTicketRequest": request(
                [
                    "summary": requiredText(max: TicketDraft.Limits.summary),
                    "description": text(max: TicketDraft.Limits.description), "type": text(max: TicketDraft.Limits.type),
                    "subtype": text(max: TicketDraft.Limits.type), "impact": enumeration(Impact.self),
                    "urgency": enumeration(Urgency.self), "contactID": uuid, "siteID": uuid, "queueID": uuid,
                    "assigneeID": uuid, "configurationItem": text(max: TicketDraft.Limits.configurationItem),
                    "priorityReason": text(),
                ], required: [], notNull: ["summary", "impact", "urgency"]),
            "TransitionRequest": request(
                [
                    "to": enumeration(TicketStatus.self), "reason": text(max: 2_000), "resolutionNote": text(max: 20_000),
                    "exitParty": text(max: 200), "exitReference": text(max: 200),
                ], required: ["to"]),
            "TransitionOption": object(
                [
                    "to": enumeration(TicketStatus.self), "title": string, "isReopen": boolean,
                    "unmetGates": [
                        "type": "array",
                        "items": object(["gate": enumeration(ExitGate.self), "detail": string], required: ["gate", "detail"]),
                    ],
                ], required: ["to", "title", "isReopen", "unmetGates"]),
            "CreateNoteRequest": request(
                [
                    "body": requiredText(max: 20_000), "visibility": enumeration(Visibility.self),
                    "call": enumeration(ContactChannel.self)
                        .merging(["description": "the note logs a conversation with the client by this channel"]) { a, _ in a },
                ], required: ["body", "visibility"]),
            "Note": object(
                [
                    "id": uuid, "body": string, "visibility": enumeration(Visibility.self), "authorID": uuid,
                    "authorName": string,
                    "isResolution": boolean, "createdAt": dateTime,
                ], required: ["id", "body", "visibility", "authorName", "isResolution", "createdAt"]),
            "CreateTimeEntryRequest": request(
                [
                    "minutes": integer(1, TimeEntryRules.maxMinutes), "workType": enumeration(WorkType.self),
                    "startedAt": dateTime, "billable": boolean, "note": text(max: 2_000),
                ], required: ["minutes", "workType"]),
            "TimeEntry": object(
                [
                    "id": uuid, "engineerID": uuid, "engineerName": string, "workType": enumeration(WorkType.self),
                    "startedAt": dateTime, "minutes": integer, "billable": boolean, "note": string,
                ], required: ["id", "engineerID", "engineerName", "workType", "startedAt", "minutes", "billable"]),
            "RestorationRequest": request(
                ["test": requiredText(max: 2_000), "result": enumeration(TestResult.self)], required: ["test", "result"]),
            "VerificationRequest": request(
                [
                    "channel": enumeration(ContactChannel.self), "outcome": enumeration(VerificationOutcome.self),
                    "note": text(max: 2_000),
                ], required: ["channel", "outcome"]),
            "Verification": object(
                [
                    "id": uuid, "channel": enumeration(ContactChannel.self), "outcome": enumeration(VerificationOutcome.self),
                    "note": string, "byName": string, "at": dateTime,
                ], required: ["id", "channel", "outcome", "byName", "at"]),
            "Event": object(
                [
                    "id": uuid, "kind": enumeration(EventKind.self), "visibility": enumeration(Visibility.self), "actorID": uuid,
                    "actorName": string, "at": dateTime, "summary": string, "before": string, "after": string,
                    "processVersion": integer,
                ], required: ["id", "kind", "visibility", "actorName", "at", "summary"]),
            "CompanyRequest": request(
                [
                    "name": requiredText(max: 200),
                    "code": ["type": "string", "minLength": 1, "maxLength": 20, "pattern": "^[A-Za-z0-9-]+$"],
                    "timezone": timeZone, "phone": text(),
                ], required: ["name", "code"]),
            "Company": object(
                [
                    "id": uuid, "name": string, "code": string, "timezone": string, "phone": string,
                    "reviewDelivery": enumeration(ReviewDelivery.self),
                ], required: ["id", "name", "code", "timezone", "reviewDelivery"]),
            "SiteRequest": request(["name": requiredText(max: 200), "address": text(max: 500)], required: ["name"]),
            "Site": object(
                ["id": uuid, "companyID": uuid, "name": string, "address": string], required: ["id", "companyID", "name"]),
            "ContactRequest": request(
                ["name": requiredText(max: 200), "email": email, "phone": text(), "title": text()], required: ["name"]),
            "Contact": object(
                [
                    "id": uuid, "companyID": uuid, "name": string, "email": string, "phone": string, "title": string,
                ], required: ["id", "companyID", "name"]),
            "ContractRequest": request(
                [
                    "name": requiredText(max: 200), "coverage": ["type": "string", "enum": DirectoryRules.coverages],
                    "startsOn": date, "endsOn": date,
                ], required: ["name", "coverage", "startsOn"]),
            "Contract": object(
                [
                    "id": uuid, "companyID": uuid, "name": string, "coverage": string, "startsOn": string, "endsOn": string,
                ], required: ["id", "companyID", "name", "coverage", "startsOn"]),
            "QueueRequest": request(
                [
                    "key": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[a-z0-9_-]+$"],
                    "name": requiredText(max: 100), "description": text(),
                ], required: ["key", "name"]),
            "Queue": object(
                ["id": uuid, "key": string, "name": string, "description": string], required: ["id", "key", "name"]),
            "UserRequest": request(
                [
                    "email": email, "name": requiredText(max: 200),
                    "role": ["type": "string", "enum": RoleDefinition.defaults.map(\.key)],
                    "password": ["type": "string", "minLength": 10, "maxLength": 200, "pattern": noNUL], "contactID": uuid,
                ], required: ["email", "name", "role"]),
            "UserUpdateRequest": request(
                [
                    "name": requiredText(max: 200), "role": ["type": "string", "enum": RoleDefinition.defaults.map(\.key)],
                    "active": boolean,
                ], required: []),
            "PasswordReset": object(
                ["userID": uuid, "email": string, "password": string], required: ["userID", "email", "password"]),
            "User": object(
                [
                    "id": uuid, "email": string, "name": string, "role": string, "companyID": uuid, "contactID": uuid,
                    "active": boolean,
                ], required: ["id", "email", "name", "role", "active"]),
            "Me": object(
                [
                    "id": uuid, "email": string, "name": string, "role": string,
                    "permissions": ["type": "array", "items": string],
                    "companyID": uuid, "timeZone": string,
                ], required: ["id", "email", "name", "role", "permissions", "timeZone"]),
            "ProfileRequest": object(
                ["timeZone": ["oneOf": [OpenAPISchemas.timeZone, ["type": "null"]]]], required: ["timeZone"]),
            "Role": object(
                [
                    "key": string, "name": string, "permissions": ["type": "array", "items": string], "isClient": boolean,
                ], required: ["key", "name", "permissions", "isClient"]),
            "TokenRequest": request(["name": requiredText(max: 100)], required: ["name"]),
            "Calendar": object(
                [
                    "timezone": timeZone,
                    "week": [
                        "type": "object", "additionalProperties": false,
                        "properties": Dictionary(
                            uniqueKeysWithValues: BusinessCalendar.dayKeys.map {
                                (
                                    $0,
                                    [
                                        "type": "array",
                                        "items": [
                                            "type": "array", "minItems": 2, "maxItems": 2,
                                            "items": [
                                                "type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
                                                "description":
                                                    "HH:MM from 00:00 to 24:00; a range starts before 24:00 and ends after it starts",
                                            ],
                                        ],
                                    ]
                                )
                            }),
                    ],
                    "holidays": ["type": "array", "items": date],
                ], required: ["timezone", "week"]),
            "ContractSlaRequest": object(
                ["slaPolicyID": optionalUUID, "calendar": ["oneOf": [ref("Calendar"), ["type": "null"]]]], required: []),
            "ContractSla": object(
                [
                    "contractID": uuid, "slaPolicyID": uuid, "policyName": string, "calendar": ref("Calendar"),
                    "calendarIsDefault": boolean,
                ], required: ["contractID", "policyName", "calendar", "calendarIsDefault"]),
            "SlaPolicyDefinition": slaPolicyDefinition,
            "RotationRequest": request(
                [
                    "name": requiredText(max: 100), "timezone": timeZone,
                    "cadence": ["type": "string", "enum": ["daily", "weekly"]],
                    "weekday": ["type": "string", "enum": BusinessCalendar.dayKeys],
                    "handoff": ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"],
                    "startDate": date, "members": ["type": "array", "items": uuid, "minItems": 1],
                    "ackMinutes": ["type": "integer", "minimum": 1, "maximum": 1440, "description": "default 15"],
                    "afterHours": ["type": "boolean", "description": "takes the after-hours P1/P2 pages"],
                ], required: ["name", "timezone", "cadence", "handoff", "startDate", "members"]),
            "RotationOverrideRequest": request(
                ["userID": uuid, "startsAt": dateTime, "endsAt": dateTime], required: ["userID", "startsAt", "endsAt"]),
            "Rotation": object(
                [
                    "id": uuid, "name": string, "timezone": string, "cadence": string, "weekday": string, "handoff": string,
                    "startDate": string, "ackMinutes": integer, "afterHours": boolean,
                    "members": ["type": "array", "items": object(["id": uuid, "name": string], required: ["id", "name"])],
                    "onCallNow": object(["id": uuid, "name": string], required: ["id", "name"]),
                    "shifts": [
                        "type": "array",
                        "items": object(
                            ["start": dateTime, "end": dateTime, "userID": uuid, "name": string, "isOverride": boolean],
                            required: ["start", "end", "userID", "name", "isOverride"]),
                    ],
                ],
                required: [
                    "id", "name", "timezone", "cadence", "handoff", "startDate", "members", "shifts", "ackMinutes", "afterHours",
                ]),
            "OnCall": object(
                [
                    "at": dateTime,
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "rotationID": uuid, "rotation": string, "userID": uuid, "name": string, "shiftStart": dateTime,
                                "shiftEnd": dateTime, "isOverride": boolean,
                            ], required: ["rotationID", "rotation", "isOverride"]),
                    ],
                ], required: ["at", "items"]),
            "Alert": request(
                [
                    "source": requiredText(max: 60), "fingerprint": requiredText(max: 200),
                    "status": enumeration(IncomingAlert.Status.self), "severity": text(max: 40),
                    "company": requiredText(max: 40).merging(["description": "the client company's code"]) { a, _ in a },
                    "site": text(max: 200).merging(["description": "a site of that company, by name"]) { a, _ in a },
                    "summary": requiredText(max: 200), "details": text(max: 20_000),
                    "startsAt": ["type": "string", "format": "date-time", "maxLength": 64],
                ], required: ["source", "fingerprint", "status", "company", "summary"]),
            "AlertmanagerWebhook": alertmanagerWebhook,
            "AlertIntake": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "fingerprint": string,
                                "action": ["type": "string", "enum": ["opened", "repeated", "resolved", "restored", "ignored"]],
                                "ticket": string, "status": enumeration(TicketStatus.self),
                            ], required: ["fingerprint", "action"]),
                    ]
                ], required: ["items"]),
            "SeverityTable": object(
                [
                    "severities": [
                        "type": "object",
                        "propertyNames": ["minLength": 1, "maxLength": 40, "pattern": notBlank],
                        "additionalProperties": object(
                            ["impact": enumeration(Impact.self), "urgency": enumeration(Urgency.self)],
                            required: ["impact", "urgency"]),
                    ],
                    "fallback": object(
                        ["impact": enumeration(Impact.self), "urgency": enumeration(Urgency.self)],
                        required: ["impact", "urgency"]),
                    "resolved_action": enumeration(ResolvedAlertAction.self),
                ], required: ["severities", "fallback"]),
            "SlaPolicy": object(
                [
                    "id": uuid, "name": string, "version": integer, "isDefault": boolean, "updatedAt": dateTime,
                    "definition": ref("SlaPolicyDefinition"),
                ], required: ["id", "name", "version", "isDefault", "updatedAt", "definition"]),
            "Token": object(
                ["id": uuid, "name": string, "token": string, "createdAt": dateTime],
                required: ["id", "name", "token", "createdAt"]),
        ]
        schemas.merge(escalationSchemas) { a, _ in a }
        schemas.merge(resolutionSchemas) { a, _ in a }
        schemas.merge(messageSchemas) { a, _ in a }
        schemas.merge(integrationSchemas) { a, _ in a }
        schemas.merge(reportSchemas) { a, _ in a }
        schemas.merge(processSchemas) { a, _ in a }
        for (name, item) in [
            ("TransitionOptionList", "TransitionOption"), ("NoteList", "Note"), ("TimeEntryList", "TimeEntry"),
            ("EventList", "Event"), ("VerificationList", "Verification"), ("CompanyList", "Company"), ("SiteList", "Site"),
            ("ContactList", "Contact"), ("ContractList", "Contract"), ("QueueList", "Queue"), ("UserList", "User"),
            ("RoleList", "Role"), ("SlaPolicyList", "SlaPolicy"), ("TicketList", "Ticket"),
            ("RotationList", "Rotation"), ("EscalationPolicyList", "EscalationPolicy"),
            ("EscalationPolicyVersionList", "EscalationPolicyVersion"), ("PageList", "Page"),
        ] {
            schemas[name] = list(of: item)
        }
        return schemas
    }

    static var ticket: Schema {
        object(
            [
                "id": uuid, "number": ["type": "string", "pattern": "^T-[0-9]{6,}$"], "summary": string, "description": string,
                "type": string, "subtype": string, "impact": enumeration(Impact.self), "urgency": enumeration(Urgency.self),
                "priority": enumeration(Priority.self), "source": enumeration(TicketSource.self),
                "status": enumeration(TicketStatus.self),
                "queueID": uuid, "queueName": string, "assigneeID": uuid, "assigneeName": string, "companyID": uuid,
                "companyName": string, "contactID": uuid, "contactName": string, "siteID": uuid, "siteName": string,
                "configurationItem": string, "resolution": string, "restoredTested": boolean, "verificationAttempted": boolean,
                "clientInformed": boolean, "exitParty": string, "exitReference": string, "minutesLogged": integer,
                "reopenCount": integer,
                "version": integer,
                "createdAt": dateTime, "updatedAt": dateTime, "exitedAt": dateTime, "closedAt": dateTime,
                "handoffMissing": boolean,
                "alert": object(
                    [
                        "source": string, "fingerprint": string, "count": integer, "lastSeenAt": dateTime,
                        "startedAt": dateTime,
                    ],
                    required: ["source", "fingerprint", "count"]),
                "sla": object(
                    [
                        "policy": string, "timezone": string, "atRisk": boolean, "breached": boolean,
                        "clocks": [
                            "type": "array",
                            "items": object(
                                [
                                    "clock": enumeration(SlaClockKind.self), "state": enumeration(SlaReading.State.self),
                                    "dueAt": dateTime, "leftSeconds": integer, "percentElapsed": integer,
                                    "targetSeconds": integer, "basis": ["type": "string", "enum": ["business", "24x7"]],
                                    "misses": integer, "atRisk": boolean,
                                ],
                                required: [
                                    "clock", "state", "leftSeconds", "percentElapsed", "targetSeconds", "basis", "misses",
                                    "atRisk",
                                ]),
                        ],
                    ], required: ["policy", "timezone", "clocks", "atRisk", "breached"]),
            ],
            required: [
                "id", "number", "summary", "description", "impact", "urgency", "priority", "source", "status", "companyID",
                "companyName", "restoredTested", "verificationAttempted", "clientInformed", "minutesLogged", "reopenCount",
                "version", "createdAt",
                "updatedAt",
            ])
    }

    /// The policy JSON form MendCore parses (`SlaPolicy.parse`).
    static var slaPolicyDefinition: Schema {
        let target = object(
            [
                "minutes": ["type": "integer", "minimum": 1, "maximum": 525_600],
                "basis": ["type": "string", "enum": ["business", "24x7"]],
                "paused_by": ["type": "array", "items": ["type": "string", "enum": SlaPolicy.pausableStatuses.map(\.rawValue)]],
            ], required: ["minutes", "basis"])
        let clocks: Schema = [
            "type": "object", "additionalProperties": false,
            "properties": Dictionary(uniqueKeysWithValues: SlaClockKind.allCases.map { ($0.rawValue, target) }),
        ]
        return object(
            [
                "name": requiredText(max: 120), "warning_percent": ["type": "integer", "minimum": 1, "maximum": 99],
                "targets": [
                    "type": "object", "additionalProperties": false,
                    "properties": Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0.rawValue, clocks) }),
                ],
            ], required: ["name", "targets"])
    }
}
