import Fluent
import MendCore
import Vapor

/// The alert settings page: the severity table and what a resolved alert does (saving needs queues.manage).
struct AlertWebController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            var index: Int
            var severity: String
            var impacts: [Option]
            var urgencies: [Option]
        }

        var layout: LayoutContext
        var rows: [Row]
        var fallback: Row
        var actions: [Option]
        var errors: [FieldProblem]
        var canEdit: Bool
        var saved: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("alerts", "settings", use: show)
        routes.post("alerts", "settings", use: save)
    }

    func show(req: Request) async throws -> View {
        let principal = try req.principal()
        try principal.requireStaff("alert settings")
        let table = try await req.alerts.severityTable()
        return try await req.view.render(
            "alerts/settings",
            Self.page(
                req, table: table, errors: [], canEdit: principal.can(.queuesManage),
                saved: req.query[String.self, at: "saved"] != nil))
    }

    func save(req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await req.alerts.setSeverityTable(Self.object(from: form), by: principal)
            return req.redirect(to: "/alerts/settings?saved=1")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity else { throw error }
            let page = Self.page(req, table: .standard, errors: problem.errors, canEdit: true, saved: false)
            return try await req.renderPage("alerts/settings", page, status: problem.status)
        }
    }

    /// The table a submitted form stands for; rows with a blank severity are dropped.
    static func object(from form: [String: String]) -> [String: Any] {
        var severities: [String: Any] = [:]
        for index in 0..<100 {
            guard let name = form["severity-\(index)"]?.trimmed, !name.isEmpty else { continue }
            severities[name] = ["impact": form["impact-\(index)"] ?? "", "urgency": form["urgency-\(index)"] ?? ""]
        }
        return [
            "severities": severities,
            "fallback": ["impact": form["impact-fallback"] ?? "", "urgency": form["urgency-fallback"] ?? ""],
            "resolved_action": form["resolved_action"] ?? "",
        ]
    }

    static func page(_ req: Request, table: AlertSeverityTable, errors: [FieldProblem], canEdit: Bool, saved: Bool) -> Page {
        func row(_ index: Int, _ severity: String, _ value: AlertSeverityTable.Row?) -> Page.Row {
            Page.Row(
                index: index, severity: severity,
                impacts: Impact.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == value?.impact) },
                urgencies: Urgency.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == value?.urgency) }
            )
        }
        let named = table.rows.sorted { $0.key < $1.key }.enumerated().map { row($0.offset, $0.element.key, $0.element.value) }
        // Three blank rows to add severities.
        let blanks = (named.count..<(named.count + 3)).map { row($0, "", nil) }
        var fallback = row(0, "", table.fallback)
        fallback.index = -1
        return Page(
            layout: LayoutContext(req, title: "Alert settings"), rows: named + blanks, fallback: fallback,
            actions: ResolvedAlertAction.allCases.map {
                Option(
                    value: $0.rawValue,
                    label: $0 == .note ? "add a backstage note" : "note it and mark the service restored (tested by monitoring)",
                    selected: $0 == table.resolvedAction)
            }, errors: errors, canEdit: canEdit, saved: saved)
    }
}
