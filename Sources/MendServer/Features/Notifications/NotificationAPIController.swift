import Fluent
import MendCore
import Vapor

/// /api/v1 in-app notifications of the signed-in person, and their working hours.
struct NotificationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", "read-all", use: readAll)
        routes.post("notifications", ":notificationID", "read", use: read)
        routes.get("me", "working-hours", use: workingHours)
        routes.put("me", "working-hours", use: setWorkingHours)
    }

    func list(req: Request) async throws -> NotificationListResponse {
        let limit = try req.query.get(Int?.self, at: "limit") ?? 50
        guard (1...200).contains(limit) else { throw Problem.invalid("limit", "must be between 1 and 200") }
        let unreadText = try? req.query.get(String.self, at: "unread")
        guard unreadText == nil || unreadText == "true" || unreadText == "false" else {
            throw Problem.invalid("unread", "must be true or false")
        }
        let unread = unreadText == "true"
        return try await req.notifications.list(for: try req.principal(), unreadOnly: unread, limit: limit)
    }

    func read(req: Request) async throws -> HTTPStatus {
        try await req.notifications.markRead(
            req.parameters.get("notificationID").flatMap(UUID.init(uuidString:)), by: try req.principal())
        return .noContent
    }

    func readAll(req: Request) async throws -> NotificationListResponse {
        let principal = try req.principal()
        _ = try await req.notifications.markAllRead(by: principal)
        return try await req.notifications.list(for: principal, unreadOnly: false, limit: 50)
    }

    func workingHours(req: Request) async throws -> WorkingHoursResponse {
        try await req.notifications.workingHours(for: try req.principal())
    }

    func setWorkingHours(req: Request) async throws -> WorkingHoursResponse {
        let principal = try req.principal()
        let object = try StrictJSON.object(from: req)
        for key in object.keys.sorted() where key != "workingHours" {
            throw Problem.invalid(key, "is not a working hours field (workingHours)")
        }
        guard object.keys.contains("workingHours") else {
            throw Problem.invalid("workingHours", "is required (a calendar or null)")
        }
        return try await req.notifications.setWorkingHours(object["workingHours"], by: principal)
    }
}

extension Request {
    var notifications: NotificationService { NotificationService(db: db, services: application.mend) }
}
