import Foundation

/// Assembles the OpenAPI 3.1 document from the operation list and the schemas.
enum OpenAPIDocument {
    static func json() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in APIOperations.all {
            paths[operation.path, default: [:]][operation.method] = describe(operation)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Mend API", "version": "1.0.0",
                "description":
                    "Tier 2 incident resolution for MSPs. Errors are application/problem+json (RFC 9457) with a stable type urn:mend:problem:<slug>.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()], ["session": [String]()]],
            "paths": paths,
            "components": [
                "schemas": OpenAPISchemas.all,
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer",
                        "description": "An API token from `mend token create` or POST /api/v1/tokens.",
                    ],
                    "session": [
                        "type": "apiKey", "in": "cookie", "name": "mend_session",
                        "description": "Web session; writes also need the X-CSRF-Token header.",
                    ],
                ],
            ],
        ]
    }

    /// Successful answers besides an operation's main one.
    static let alsoAnswers: [String: [(status: Int, schema: String?, description: String)]] = [
        "post /api/v1/tickets/{number}/reopen": [(201, "Reopen", "Reopened after the window: a new linked ticket")],
        "post /api/v1/queues/{queueID}/pull": [(204, nil, "No unassigned ticket waits in the queue")],
        "post /api/v1/mail/inbound": [
            (200, "InboundOutcome", "A message already received (same Message-ID): nothing filed twice"),
            (201, "InboundOutcome", "A new ticket was opened from the message"),
        ],
    ]

    private static func describe(_ operation: APIOperation) -> [String: Any] {
        var parameters: [[String: Any]] = operation.pathParameters.map {
            ["name": $0, "in": "path", "required": true, "schema": OpenAPIParameters.path($0)]
        }
        if operation.path.hasPrefix("/api/v1/tickets/{number}") {
            parameters = parameters.map { p in
                var p = p
                if p["name"] as? String == "number" { p["description"] = "Ticket number such as T-000123" }
                return p
            }
        }
        parameters += operation.query.map {
            [
                "name": $0.name, "in": "query", "required": false, "description": $0.description,
                "schema": OpenAPIParameters.query($0.name, path: operation.path),
            ]
        }
        // Only the changes a client makes from a version it read honour If-Match; the other writes append.
        if ["patch /api/v1/tickets/{number}", "post /api/v1/tickets/{number}/transitions"].contains(
            "\(operation.method) \(operation.path)")
        {
            parameters.append([
                "name": "If-Match", "in": "header", "required": false,
                "description": "ETag of the ticket version you read; a stale one gets 412.",
                "schema": ["type": "string", "pattern": #"^[ \t]*(\*|(W/)?"?[1-9][0-9]{0,17}"?)?[ \t]*$"#],
            ])
        }
        if operation.method == "put", operation.path == "/api/v1/process" {
            parameters.append([
                "name": "If-Match", "in": "header", "required": true,
                "description": "ETag of the version you edited, or * to replace whatever is in force; a stale one gets 412.",
                "schema": ["type": "string", "pattern": #"^[ \t]*(\*|(W/)?"?[1-9][0-9]{0,17}"?)[ \t]*$"#],
            ])
        }
        var responses: [String: Any] = [:]
        var success: [String: Any] = ["description": "Success"]
        if let schema = operation.response.schema {
            success["content"] = ["application/json": ["schema": OpenAPISchemas.ref(schema)]]
        } else if operation.path.hasSuffix(".csv") {
            success["content"] = ["text/csv": ["schema": ["type": "string"]]]
        }
        responses[String(operation.response.status)] = success
        for (status, schema, description) in alsoAnswers["\(operation.method) \(operation.path)"] ?? [] {
            var answer: [String: Any] = ["description": description]
            if let schema { answer["content"] = ["application/json": ["schema": OpenAPISchemas.ref(schema)]] }
            responses[String(status)] = answer
        }
        let problem: [String: Any] = ["content": ["application/problem+json": ["schema": OpenAPISchemas.ref("Problem")]]]
        for (status, description) in [
            ("400", "Malformed request"), ("401", "Sign-in required"), ("403", "Not permitted"),
            ("404", "Not found or not visible to you"), ("409", "Conflict (illegal transition, duplicate)"),
            ("412", "Stale If-Match"), ("428", "If-Match required"), ("413", "Body too large"), ("415", "Not JSON"),
            ("414", "Request target too long"), ("422", "Invalid field or unmet exit gate"),
            ("431", "Request headers too large"),
        ] {
            responses[status] = problem.merging(["description": description]) { a, _ in a }
        }
        var result: [String: Any] = [
            "summary": operation.summary, "tags": [operation.tag], "parameters": parameters, "responses": responses,
            "operationId": operation.method
                + operation.path.replacingOccurrences(of: "/api/v1", with: "")
                .split(whereSeparator: { "/{}-.".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
        ]
        if let request = operation.request {
            result["requestBody"] = ["required": true, "content": ["application/json": ["schema": OpenAPISchemas.ref(request)]]]
        } else if operation.method == "post" && operation.path == "/api/v1/mail/inbound" {
            let message: [String: Any] = ["schema": ["type": "string", "minLength": 1, "description": "the raw message"]]
            result["requestBody"] = ["required": true, "content": ["message/rfc822": message, "text/plain": message]]
        }
        return result
    }
}
