import Foundation
import MendCore

/// How the document states what the server holds text and request bodies to, so that a generator (Schemathesis)
/// and the server agree on every string: no NUL anywhere, a required text holds something besides white space,
/// and lengths are counted in Unicode code points, as JSON Schema and `FieldChecker` both count them.
extension OpenAPISchemas {
    /// Any text without a NUL.
    static let noNUL = #"^[^\u0000]*$"#

    /// Text without a NUL holding at least one character that is not white space.
    static var notBlank: String { #"^[^\u0000]*[^"# + TextRules.visible + #"][^\u0000]*$"# }

    /// Optional text of at most `max` code points (no limit when nil).
    static func text(max: Int? = nil) -> Schema {
        var schema: Schema = ["type": "string", "pattern": noNUL]
        if let max { schema["maxLength"] = max }
        return schema
    }

    /// Text that must hold something besides white space, of at most `max` code points.
    static func requiredText(max: Int) -> Schema {
        ["type": "string", "minLength": 1, "maxLength": max, "pattern": notBlank]
    }

    /// A whole number from `min` to `max`.
    static func integer(_ min: Int, _ max: Int) -> Schema {
        ["type": "integer", "minimum": min, "maximum": max]
    }

    /// A calendar date (`2026-01-31`), as `LocalDate` reads it.
    static var date: Schema { ["type": "string", "format": "date", "pattern": #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#] }

    /// An email address as `DirectoryRules.isEmail` takes it.
    static var email: Schema { ["type": "string", "maxLength": 200, "pattern": DirectoryRules.emailPattern] }

    /// An http or https link as `WebLink` takes it.
    static var link: Schema { ["type": "string", "maxLength": WebLink.maxLength, "pattern": WebLink.pattern] }

    /// A request body: its optional members also take `null`, which the server reads as absent (one rule for
    /// every body). `notNull` names the optional members that refuse null because null would mean something else
    /// (a PATCH member that cannot be cleared).
    static func request(_ properties: [String: Schema], required: [String], notNull: Set<String> = []) -> Schema {
        var members: [String: Schema] = [:]
        for (name, schema) in properties {
            members[name] = required.contains(name) || notNull.contains(name) ? schema : nullable(schema)
        }
        return object(members, required: required)
    }

    /// `schema` that also takes `null`.
    static func nullable(_ schema: Schema) -> Schema {
        if let type = schema["type"] as? String {
            var copy = schema
            copy["type"] = [type, "null"]
            // An enum lists its values; null has to be one of them too.
            if let values = schema["enum"] as? [Any] { copy["enum"] = values + [NSNull()] }
            return copy
        }
        if let types = schema["type"] as? [String] {
            if types.contains("null") { return schema }
            var copy = schema
            copy["type"] = types + ["null"]
            return copy
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }
}

extension OpenAPISchemas {
    /// An IANA time zone name Mend accepts (MendCore `TimeZoneNames`).
    static var timeZone: Schema { ["type": "string", "enum": TimeZoneNames.known] }

    /// The `tier1` member of a new ticket: what Tier 1 tried or found, and links to what it captured.
    static var tier1: Schema {
        var schema = request(
            [
                "reference": text(max: 100),
                "stepsTried": ["type": "array", "items": requiredText(max: 500), "maxItems": 50],
                "findings": text(max: 10_000),
                "attachments": ["type": "array", "items": link, "maxItems": 20],
            ], required: [])
        // Tier 1 says what it tried or what it found (or both).
        schema["anyOf"] = [
            ["required": ["stepsTried"], "properties": ["stepsTried": ["type": "array", "minItems": 1]]],
            ["required": ["findings"], "properties": ["findings": ["type": "string", "pattern": notBlank]]],
        ]
        return schema
    }
}

extension OpenAPISchemas {
    /// Anything but a string holding a NUL: a member Mend reads only when it has the type it expects.
    static var lenient: Schema { ["not": ["type": "string", "pattern": #"\u0000"#]] }

    /// Prometheus Alertmanager's webhook body as `AlertmanagerPayload` reads it; the members it does not read are
    /// left open, as Alertmanager adds some between releases.
    static var alertmanagerWebhook: Schema {
        let ignored: Schema = ["description": "not read by Mend"]
        let alert: Schema = [
            "type": "object", "required": ["status", "labels", "fingerprint"],
            "properties": [
                "status": enumeration(IncomingAlert.Status.self),
                "fingerprint": ["type": "string", "pattern": notBlank],
                "labels": [
                    "type": "object", "required": ["company"], "propertyNames": ["pattern": noNUL],
                    "additionalProperties": text(),
                    "properties": [
                        "company": ["type": "string", "pattern": notBlank, "description": "the client company's code"]
                    ],
                ] as Schema,
                "annotations": [
                    "description": "summary and description are read when they are text",
                    "properties": ["summary": lenient, "description": lenient],
                ] as Schema,
                "startsAt": ["description": "read when it is an RFC 3339 date-time (any fraction of a second)"],
                "endsAt": ignored, "generatorURL": ignored,
            ] as Schema,
            // The ticket's summary: the summary annotation, else the alert's name, whichever says something.
            "anyOf": [
                [
                    "required": ["annotations"],
                    "properties": [
                        "annotations": [
                            "type": "object", "required": ["summary"],
                            "properties": ["summary": ["type": "string", "pattern": notBlank]],
                        ] as Schema
                    ],
                ] as Schema,
                [
                    "properties": [
                        "labels": [
                            "required": ["alertname"], "properties": ["alertname": ["type": "string", "pattern": notBlank]],
                        ] as Schema
                    ]
                ] as Schema,
            ],
        ]
        return [
            "type": "object", "description": "Alertmanager's webhook body as it sends it; other members are ignored",
            "required": ["alerts"],
            "properties": [
                "alerts": ["type": "array", "items": alert] as Schema, "version": ignored, "status": ignored,
                "receiver": ignored, "groupKey": ignored,
            ] as Schema,
        ]
    }
}
