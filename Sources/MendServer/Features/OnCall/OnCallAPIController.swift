import Fluent
import MendCore
import Vapor

/// /api/v1 on-call rotations, their overrides, and who is on call at an instant.
struct OnCallAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("rotations", use: list)
        routes.post("rotations", use: create)
        routes.get("rotations", ":rotationID", use: show)
        routes.post("rotations", ":rotationID", "overrides", use: addOverride)
        routes.get("oncall", use: onCall)
    }

    func list(req: Request) async throws -> ListResponse<RotationResponse> {
        let service = req.onCall
        let now = req.mend.clock.now()
        var items: [RotationResponse] = []
        for row in try await service.rotations(for: try req.principal()) {
            items.append(try await service.response(row, now: now))
        }
        return ListResponse(items: items)
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.principal()
        let input = try StrictJSON.decode(RotationRequest.self, from: req)
        let row = try await req.onCall.create(input.body, by: principal)
        return try await req.onCall.response(row, now: req.mend.clock.now()).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> RotationResponse {
        let row = try await req.onCall.rotation(
            req.parameters.get("rotationID").flatMap(UUID.init(uuidString:)), for: try req.principal())
        return try await req.onCall.response(row, now: req.mend.clock.now())
    }

    func addOverride(req: Request) async throws -> Response {
        let principal = try req.principal()
        let input = try StrictJSON.decode(RotationOverrideRequest.self, from: req)
        let row = try await req.onCall.addOverride(
            req.parameters.get("rotationID").flatMap(UUID.init(uuidString:)), input.body, by: principal)
        return try await req.onCall.response(row, now: req.mend.clock.now()).encodeResponse(status: .created, for: req)
    }

    func onCall(req: Request) async throws -> OnCallResponse {
        let principal = try req.principal()
        var at = req.mend.clock.now()
        if let text = try? req.query.get(String.self, at: "at") {
            guard let parsed = CalendarInstant.parse(text) else {
                throw Problem.invalid("at", "must be an ISO 8601 date-time such as 2027-03-14T07:30:00Z")
            }
            at = parsed
        }
        var rotation: UUID?
        if let text = try? req.query.get(String.self, at: "rotation") {
            guard let id = UUID(uuidString: text) else { throw Problem.invalid("rotation", "is not a rotation id") }
            rotation = id
        }
        return try await req.onCall.onCall(at: at, rotation: rotation, for: principal)
    }
}

extension Request {
    var onCall: OnCallService { OnCallService(db: db, services: application.mend) }
}
