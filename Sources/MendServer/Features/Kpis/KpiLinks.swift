import Foundation
import MendCore

/// The query strings of a report's links: the same period and cuts, for a drill-down, another engineer or the CSV.
struct KpiLinks {
    let query: KpiQuery

    /// The period and the cuts given, percent-encoded.
    var base: String { Self.encode(items(engineer: query.engineerID)) }

    /// The tickets behind one figure.
    func drill(_ drill: KpiDrill) -> String { "/reports/tickets?" + base + "&measure=" + drill.name }

    /// The same report for one engineer.
    func with(engineer: UUID) -> String { Self.encode(items(engineer: engineer)) }

    private func items(engineer: UUID?) -> [(String, String)] {
        var items = [("from", query.period.from.description), ("to", query.period.to.description)]
        if let id = query.companyID { items.append(("company", id.uuidString)) }
        if let priority = query.priority { items.append(("priority", priority.rawValue)) }
        if let id = query.queueID { items.append(("queue", id.uuidString)) }
        if let engineer { items.append(("engineer", engineer.uuidString)) }
        if let type = query.type { items.append(("type", type)) }
        if let channel = query.channel { items.append(("source", channel)) }
        return items
    }

    static func encode(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#")
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
