import MendCore

/// The schemas of path and query parameters: what each parser of the server takes, stated so a generator sends
/// only what the server takes as valid, and everything else is refused.
enum OpenAPIParameters {
    typealias Schema = OpenAPISchemas.Schema

    /// A UUID as `UUID(uuidString:)` reads it, in either letter case.
    static let uuidPattern = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"

    static func path(_ name: String) -> Schema {
        switch name {
        case "number": ["type": "string", "pattern": "^([Tt]-)?[0-9]{1,12}$"]
        case "kind": OpenAPISchemas.enumeration(MessageTemplate.Kind.self)
        case "token": ["type": "string", "pattern": "^[A-Za-z0-9_-]+$"]
        case "month": OpenAPISchemas.reviewMonth
        default: ["type": "string", "format": "uuid", "pattern": "^\(uuidPattern)$"]
        }
    }

    static func query(_ name: String, path: String) -> Schema {
        switch name {
        case _ where path.hasPrefix("/api/v1/kpis"): kpi(name)
        case "status" where path.hasSuffix("/tickets"): commaList(TicketStatus.allCases.map(\.rawValue))
        case "priority": commaList(Priority.allCases.map(\.rawValue))
        case "queue", "company", "rotation": ["type": "string", "pattern": "^$|^\(uuidPattern)$"]
        case "assignee": ["type": "string", "pattern": "^$|^me$|^none$|^\(uuidPattern)$"]
        case "contact": ["type": "string", "pattern": "^$|^me$|^\(uuidPattern)$"]
        case "q": OpenAPISchemas.text(max: 200)
        case "sort": ["type": "string", "enum": [""] + TicketSort.allCases.map(\.rawValue)]
        case "limit": ["type": "integer", "minimum": 1, "maximum": path.hasSuffix("/at-risk") ? 500 : 200]
        case "days": ["type": "integer", "minimum": 1, "maximum": DispatchService.maxDays]
        case "at", "from", "to": ["type": "string", "format": "date-time"]
        case "date": OpenAPISchemas.date
        case "scope": ["type": "string", "enum": ["mine", "all"]]
        case "unread": ["type": "string", "enum": ["true", "false"]]
        case "state" where path.hasSuffix("/outbox"): ["type": "string", "enum": ["pending", "sent", "failed"]]
        case "state": ["type": "string", "enum": QuarantineService.states]
        default: OpenAPISchemas.text()
        }
    }

    /// The KPI query (KpiQuery): one value per cut, dates as days; an empty cut is no cut.
    static func kpi(_ name: String) -> Schema {
        switch name {
        case "from", "to": OpenAPISchemas.date
        case "priority": ["type": "string", "enum": [""] + Priority.allCases.map(\.rawValue)]
        case "source": ["type": "string", "enum": [""] + TicketSource.kpiChannels]
        case "type": OpenAPISchemas.text(max: 100)
        default: ["type": "string", "pattern": "^$|^\(uuidPattern)$"]
        }
    }

    /// Values separated by commas, as the search splits them (empty parts are skipped).
    static func commaList(_ values: [String]) -> Schema {
        let one = "(" + values.joined(separator: "|") + ")"
        return ["type": "string", "pattern": "^,*(\(one)(,+\(one))*)?,*$"]
    }
}
