import Foundation
import MendCore
import Vapor

/// /api/v1/process: the process definition in force, and applying a new version of it.
struct ProcessAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("process", use: show)
        routes.put("process", use: apply)
        routes.get("process", "versions", use: versions)
    }

    /// The definition in force, with its version as the ETag to send back as If-Match.
    func show(req: Request) async throws -> Response {
        try req.principal().requireStaff("process")
        return Self.document(try await req.processStore.newest())
    }

    /// Applies a new version: administrators only, from the version the editor read (If-Match, required).
    func apply(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.requireStaff("process")
        try principal.require(.processManage)
        guard req.headers.first(name: .ifMatch) != nil else {
            throw Problem(
                .preconditionRequired, "if-match-required", "If-Match required",
                detail:
                    "Send If-Match with the ETag of the version you edited (from GET /api/v1/process), or * to replace whatever is in force.",
                field: "If-Match")
        }
        let expecting = try IfMatch.version(req)
        let body = try ProcessBody.data(of: req)
        let definition = try ProcessDefinition.parse(body)
        let applied = try await req.processStore.apply(definition, expecting: expecting, by: principal.name)
        req.logger.notice("Process definition version \(applied.version) applied by \(principal.email)")
        return Self.document(applied)
    }

    func versions(req: Request) async throws -> ListResponse<ProcessVersionResponse> {
        try req.principal().requireStaff("process")
        return ListResponse(
            items: try await req.processStore.history().map {
                ProcessVersionResponse(version: $0.version, appliedAt: $0.appliedAt, appliedBy: $0.appliedBy)
            })
    }

    static func document(_ definition: ProcessDefinition) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .eTag, value: "\"\(definition.version)\"")
        return Response(status: .ok, headers: headers, body: .init(data: definition.json()))
    }
}

/// One applied version, as the history lists it.
struct ProcessVersionResponse: Content {
    var version: Int
    var appliedAt: Date
    var appliedBy: String
}

/// The bytes of a definition sent as JSON, refused as the other bodies are when not JSON or carrying NUL.
enum ProcessBody {
    static func data(of req: Request) throws -> Data {
        _ = try StrictJSON.object(from: req)
        guard let buffer = req.body.data else {
            throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body is empty.")
        }
        return Data(buffer.readableBytesView)
    }
}
