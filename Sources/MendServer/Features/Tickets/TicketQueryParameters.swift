import MendCore
import Vapor

/// The query string of a ticket search, each bad value named.
struct TicketQueryParameters {
    var filter = TicketFilter()
    var sort = TicketSort.newest
    var cursor: String?
    var limit = 50

    static let names: Set<String> = [
        "status", "priority", "queue", "assignee", "company", "contact", "q", "open", "sort", "cursor", "limit",
    ]

    static func parse(_ req: Request) throws -> TicketQueryParameters {
        try parse(req.url.query ?? "", viewer: try req.principal())
    }

    static func parse(_ query: String, viewer: Principal) throws -> TicketQueryParameters {
        var result = TicketQueryParameters()
        var check = FieldChecker()
        let items = URLComponents(string: "?" + query)?.queryItems ?? []
        for item in items {
            let value = item.value ?? ""
            switch item.name {
            case "status":
                for part in value.split(separator: ",") where !part.isEmpty {
                    if let status = TicketStatus(known: String(part)) {
                        result.filter.statuses.append(status)
                    } else {
                        check.add("status", "must be one of: " + TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                }
            case "priority":
                for part in value.split(separator: ",") where !part.isEmpty {
                    if let priority = Priority(rawValue: String(part)) {
                        result.filter.priorities.append(priority)
                    } else {
                        check.add("priority", "must be one of: p1, p2, p3, p4")
                    }
                }
            case "queue":
                if value.isEmpty { continue }
                if let id = UUID(uuidString: value) {
                    result.filter.queueID = id
                } else {
                    check.add("queue", "must be a queue id")
                }
            case "assignee":
                switch value {
                case "": continue
                case "me": result.filter.assignee = .user(viewer.userID)
                case "none": result.filter.assignee = .nobody
                default:
                    if let id = UUID(uuidString: value) {
                        result.filter.assignee = .user(id)
                    } else {
                        check.add("assignee", "must be a user id, 'me' or 'none'")
                    }
                }
            case "company":
                if value.isEmpty { continue }
                if let id = UUID(uuidString: value) {
                    result.filter.companyID = id
                } else {
                    check.add("company", "must be a company id")
                }
            case "contact":
                switch value {
                case "": continue
                case "me": result.filter.contact = viewer.contactID.map { .contact($0) } ?? .noOne
                default:
                    if let id = UUID(uuidString: value) {
                        result.filter.contact = .contact(id)
                    } else {
                        check.add("contact", "must be a contact id or 'me'")
                    }
                }
            case "q":
                check.length(value, "q", max: 200)
                result.filter.text = value
            case "open":
                result.filter.openOnly = value == "true" || value == "1"
            case "sort":
                if value.isEmpty { continue }
                if let sort = TicketSort(rawValue: value) {
                    result.sort = sort
                } else {
                    check.add("sort", "must be one of: " + TicketSort.allCases.map(\.rawValue).joined(separator: ", "))
                }
            case "cursor":
                result.cursor = value.isEmpty ? nil : value
            case "limit":
                if let limit = Int(value), (1...200).contains(limit) {
                    result.limit = limit
                } else {
                    check.add("limit", "must be between 1 and 200")
                }
            default:
                if !names.contains(item.name) {
                    check.add(item.name, "is not a search parameter; use " + names.sorted().joined(separator: ", "))
                }
            }
        }
        try check.check()
        return result
    }
}
