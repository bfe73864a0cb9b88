import MendCore

/// The published schema of the process definition (docs/process.schema.json is this, written out by
/// `mend process schema`); each limit is the one `ProcessValidator` enforces.
extension OpenAPISchemas {
    static var processSchemas: [String: Schema] {
        [
            "ProcessDefinition": processDefinition, "ProcessVersionList": list(of: "ProcessVersion"),
            "ProcessVersion": processVersion,
        ]
    }

    static var processVersion: Schema {
        object(
            ["version": integer, "appliedAt": dateTime, "appliedBy": string], required: ["version", "appliedAt", "appliedBy"])
    }

    /// A key: what `ProcessValidator` takes for roles, statuses, systems, documents, KPIs and conditions.
    static var processKey: Schema { ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"] }

    static var processDefinition: Schema {
        let item = object(["key": processKey, "name": requiredText(max: 120)], required: ["key", "name"])
        let gate = enumeration(ExitGate.self)
        let selector: Schema = [
            "type": "string",
            "pattern": "^(@(" + ProcessStatusKind.allCases.map(\.rawValue).joined(separator: "|") + ")|[a-z][a-z0-9_]{0,39})$",
        ]
        let selectors: Schema = ["type": "array", "minItems": 1, "items": selector]
        let role = object(
            [
                "key": processKey, "name": requiredText(max: 120),
                "permissions": ["type": "array", "minItems": 1, "items": enumeration(Permission.self)],
                "client": boolean, "onsite": boolean,
            ], required: ["key", "name", "permissions"])
        let status = object(
            [
                "key": processKey, "name": requiredText(max: 60), "client_name": requiredText(max: 60),
                "client_text": requiredText(max: 300), "kind": enumeration(ProcessStatusKind.self),
                "outcome": enumeration(ProcessExitOutcome.self),
                "pauses": ["type": "array", "items": enumeration(SlaClockKind.self)],
                "reports_as": enumeration(TicketStatus.self, from: TicketStatus.module),
            ], required: ["key", "name", "client_name", "client_text", "kind"])
        let retired = object(
            [
                "key": processKey, "name": requiredText(max: 60),
                "reports_as": enumeration(TicketStatus.self, from: TicketStatus.module),
                "pauses": ["type": "array", "items": enumeration(SlaClockKind.self)], "becomes": processKey,
            ], required: ["key", "name", "reports_as", "pauses", "becomes"])
        let move = object(
            [
                "from": selectors, "to": selectors, "kind": enumeration(ProcessMoveKind.self),
                "gates": [
                    "type": "array",
                    "items": [
                        "oneOf": [
                            gate,
                            object(["any_of": ["type": "array", "minItems": 2, "items": gate]], required: ["any_of"]),
                        ]
                    ],
                ],
            ], required: ["from", "to"])
        let task = object(
            [
                "id": requiredText(max: 20), "name": requiredText(max: 160), "lane": enumeration(ProcessLane.self),
                "role": processKey, "system": processKey, "document": processKey,
                "kpis": ["type": "array", "items": processKey], "decision": requiredText(max: 160),
                "event": enumeration(EventKind.self),
            ], required: ["id", "name", "lane", "role"])
        let checklist = object(
            [
                "name": requiredText(max: 100),
                "items": ["type": "array", "minItems": 1, "maxItems": 40, "items": requiredText(max: 300)],
            ], required: ["name", "items"])
        let subprocess = object(
            [
                "id": requiredText(max: 20), "name": requiredText(max: 120), "purpose": requiredText(max: 300),
                "statuses": ["type": "array", "items": processKey],
                "tasks": ["type": "array", "minItems": 1, "items": task],
                "checklists": ["type": "array", "items": checklist],
            ], required: ["id", "name", "purpose", "tasks"])
        let condition = object(
            ["key": processKey, "text": requiredText(max: 300), "gates": ["type": "array", "items": gate]],
            required: ["key", "text"])
        let kpi = object(
            ["key": processKey, "name": requiredText(max: 120), "measure": ["type": "string", "enum": ProcessKpi.measures]],
            required: ["key", "name", "measure"])
        return object(
            [
                "schema": ["type": "string", "enum": [ProcessDefinition.schemaName]],
                "version": ["type": "integer", "minimum": 0],
                "module": requiredText(max: 40), "name": requiredText(max: 120), "organisation": requiredText(max: 120),
                "roles": ["type": "array", "items": role], "systems": ["type": "array", "items": item],
                "documents": ["type": "array", "items": item], "kpis": ["type": "array", "items": kpi],
                "statuses": ["type": "array", "items": status], "moves": ["type": "array", "items": move],
                "subprocesses": ["type": "array", "items": subprocess],
                "entry": ["type": "array", "minItems": 1, "items": condition],
                "exit": ["type": "array", "minItems": 1, "items": condition],
                "retired": ["type": "array", "items": retired],
                "logo": [
                    "type": "string", "maxLength": 400_000,
                    "pattern": "^data:image/(png|jpeg|svg\\+xml);base64,[A-Za-z0-9+/=]*$",
                ],
            ],
            required: [
                "schema", "version", "module", "name", "organisation", "roles", "systems", "documents", "kpis", "statuses",
                "moves", "subprocesses", "entry", "exit",
            ])
    }
}
