import Foundation
import MendCore
import Vapor

/// The process page: the definition in force read as tables (statuses, moves and their gates, roles, the
/// sub-processes and their tasks, entry and exit), its download, its history, and for administrators a form that
/// applies a new version.
struct ProcessWebController: RouteCollection {
    struct Form: Content {
        var document: String?
        var version: Int?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("process", use: show)
        routes.get("process", "definition.json", use: download)
        routes.post("process", use: apply)
        routes.get("process", "blueprint", use: blueprint)
        routes.get("process", "blueprint", ":file", use: drawing)
    }

    /// Every drawing on one page, each on its own sheet when printed.
    func blueprint(req: Request) async throws -> Response {
        try req.principal().requireStaff("process")
        let definition = try await req.processStore.newest()
        struct Figure: Encodable {
            var file: String
            var title: String
            var summary: String
        }
        struct Page: Encodable {
            var layout: LayoutContext
            var heading: String
            var version: Int
            var figures: [Figure]
        }
        let tasks = Dictionary(definition.subprocesses.map { ("\($0.id).svg", $0.tasks.count) }, uniquingKeysWith: { a, _ in a })
        let figures = BlueprintFiles.files(definition).map { drawing in
            let summary =
                drawing.file == "overview.svg"
                ? "The entry paths, the \(definition.subprocesses.count) sub-processes and the exits they lead to."
                : "\(tasks[drawing.file] ?? 0) tasks in swimlanes for the client, onstage, backstage and support, with the systems they use; the tables on the process page list them."
            return Figure(file: drawing.file, title: drawing.title, summary: summary)
        }
        return try await req.renderPage(
            "process/blueprint",
            Page(
                layout: LayoutContext(req, title: "Service blueprint"),
                heading: "\(definition.module) \(definition.name)", version: definition.version, figures: figures),
            status: .ok)
    }

    /// One drawing as an SVG document.
    func drawing(req: Request) async throws -> Response {
        try req.principal().requireStaff("process")
        let file = req.parameters.get("file") ?? ""
        let definition = try await req.processStore.newest()
        guard let drawing = BlueprintFiles.drawing(file, of: definition) else {
            throw Problem.notFound("blueprint drawing")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return Response(status: .ok, headers: headers, body: .init(string: drawing.svg))
    }

    func show(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.requireStaff("process")
        let refusal = req.takeRefusal(for: "/process")
        let store = req.processStore
        let definition = try await store.newest()
        let history = try await store.history()
        let notice = (try? req.query.get(Int.self, at: "applied")).map {
            "Version \($0) applied: every ticket follows it from now on."
        }
        let page = ProcessPage(
            definition, history: history, canApply: principal.can(.processManage),
            typed: refusal?.fields["document"], refusal: refusal?.view, notice: refusal == nil ? notice : nil,
            layout: LayoutContext(req, title: "Process"))
        return try await req.renderPage("process/definition", page, status: .ok)
    }

    func download(req: Request) async throws -> Response {
        try req.principal().requireStaff("process")
        let definition = try await req.processStore.newest()
        let response = ProcessAPIController.document(definition)
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"\(definition.module.lowercased())-process-v\(definition.version).json\"")
        return response
    }

    func apply(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/process") {
            let principal = try req.principal()
            try principal.requireStaff("process")
            try principal.require(.processManage)
            let form = try req.content.decode(Form.self)
            let text = form.document ?? ""
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError(field: "document", "is required: paste the JSON document of the new version")
            }
            let definition = try ProcessDefinition.parse(Data(text.utf8))
            let applied = try await req.processStore.apply(definition, expecting: form.version, by: principal.name)
            return "/process?applied=\(applied.version)"
        }
    }
}
