import Foundation
import MendCore
import Vapor

/// The Detail Report and the Task Report of the seed, generated from the definition in force, each with the live
/// figures of a period (`from`, `to`, as the KPI reports take them), as pages and as CSV.
struct ProcessReportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("process", "reports", "detail", use: detail)
        routes.get("process", "reports", "detail.csv", use: detailCSV)
        routes.get("process", "reports", "tasks", use: tasks)
        routes.get("process", "reports", "tasks.csv", use: tasksCSV)
    }

    struct KpiLine: Encodable {
        var name: String
        var value: String
    }

    struct DetailLine: Encodable {
        var id: String
        var name: String
        var purpose: String
        var statuses: String
        var roles: String
        var systems: String
        var documents: String
        var kpis: [KpiLine]
    }

    struct Page: Encodable {
        var layout: LayoutContext
        var heading: String
        var version: Int
        var from: String
        var to: String
        var query: String
        var details: [DetailLine]
        var tasks: [ProcessTaskRow]
    }

    /// The definition, the period's query and the KPI figures of the period.
    private func context(_ req: Request) async throws -> (ProcessDefinition, KpiQuery, KpiFigures) {
        let query = try await req.kpiQuery()
        let definition = try await req.processStore.newest()
        let daily = try KpiDaily(db: req.db, gate: req.mend.gate, timeZone: req.mend.config.timeZone)
        let figures = try await KpiReads(db: req.db).figures(query, daily: daily).current
        return (definition, query, figures)
    }

    private func detailLines(_ definition: ProcessDefinition, _ figures: KpiFigures) -> [DetailLine] {
        ProcessReports.detail(definition).map { detail in
            DetailLine(
                id: detail.id, name: detail.name, purpose: detail.purpose,
                statuses: detail.statuses.joined(separator: ", "), roles: detail.roles.joined(separator: ", "),
                systems: detail.systems.joined(separator: ", "), documents: detail.documents.joined(separator: ", "),
                kpis: detail.kpis.map { KpiLine(name: $0.name, value: ProcessKpiText.value($0.measure, figures)) })
        }
    }

    private func taskLines(_ req: Request, _ definition: ProcessDefinition, _ query: KpiQuery) async throws
        -> [ProcessTaskRow]
    {
        let runs = try await ProcessReportReads(db: req.db).runs(
            kinds: ProcessReports.eventKinds(definition), from: query.period.start, to: query.period.end)
        return ProcessReports.tasks(definition, runs: runs).map(ProcessTaskRow.init)
    }

    private func page(_ req: Request, _ definition: ProcessDefinition, _ query: KpiQuery, heading: String) -> Page {
        Page(
            layout: LayoutContext(req, title: heading), heading: heading, version: definition.version,
            from: query.period.from.description, to: query.period.to.description,
            query: "from=\(query.period.from)&to=\(query.period.to)", details: [], tasks: [])
    }

    func detail(req: Request) async throws -> Response {
        let (definition, query, figures) = try await context(req)
        var page = page(req, definition, query, heading: "Detail Report")
        page.details = detailLines(definition, figures)
        return try await req.renderPage("process/detail-report", page, status: .ok)
    }

    func tasks(req: Request) async throws -> Response {
        let (definition, query, _) = try await context(req)
        var page = page(req, definition, query, heading: "Task Report")
        page.tasks = try await taskLines(req, definition, query)
        return try await req.renderPage("process/task-report", page, status: .ok)
    }

    func detailCSV(req: Request) async throws -> Response {
        let (definition, query, figures) = try await context(req)
        var text = KpiExport.line(["subprocess", "name", "statuses", "roles", "systems", "documents", "kpi", "value"])
        for line in detailLines(definition, figures) {
            for kpi in line.kpis.isEmpty ? [KpiLine(name: "", value: "")] : line.kpis {
                text += KpiExport.line([
                    line.id, line.name, line.statuses, line.roles, line.systems, line.documents, kpi.name, kpi.value,
                ])
            }
        }
        return csv(text, name: "detail-report", query)
    }

    func tasksCSV(req: Request) async throws -> Response {
        let (definition, query, _) = try await context(req)
        var text = KpiExport.line([
            "subprocess", "task", "name", "lane", "role", "system", "document", "kpis", "event", "runs", "median_seconds",
        ])
        let runs = try await ProcessReportReads(db: req.db).runs(
            kinds: ProcessReports.eventKinds(definition), from: query.period.start, to: query.period.end)
        for line in ProcessReports.tasks(definition, runs: runs) {
            text += KpiExport.line([
                line.subprocess, line.task.id, line.task.name, line.task.lane.rawValue, line.role, line.system,
                line.document, line.kpis.joined(separator: "; "), line.task.event ?? "",
                line.runs.map { String($0.count) } ?? "", line.runs?.medianSeconds.map(String.init) ?? "",
            ])
        }
        return csv(text, name: "task-report", query)
    }

    private func csv(_ text: String, name: String, _ query: KpiQuery) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(name)-\(query.period.from)-\(query.period.to).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
