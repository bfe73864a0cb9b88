import Fluent
import Foundation
import MendCore

/// The signed-in person's notifications (only those whose delivery time has come) and their working hours.
struct NotificationService {
    let db: any Database
    let services: MendServices

    func list(for principal: Principal, unreadOnly: Bool, limit: Int) async throws -> NotificationListResponse {
        try principal.requireStaff("notification")
        let now = services.clock.now()
        var query = NotificationModel.query(on: db).filter(\.$userID == principal.userID).filter(\.$deliverAt <= now)
        if unreadOnly { query = query.filter(\.$readAt == nil) }
        let rows = try await query.sort(\.$deliverAt, .descending).limit(limit).all()
        let numbers = try await ticketNumbers(Set(rows.compactMap(\.ticketID)))
        return NotificationListResponse(
            unread: try await unreadCount(for: principal),
            items: rows.map { row in
                NotificationResponse(
                    id: row.id!, kind: row.kind, title: row.title, body: row.body,
                    ticket: row.ticketID.flatMap { numbers[$0] }.map(TicketNumber.format), createdAt: row.createdAt,
                    deliveredAt: row.deliverAt, read: row.readAt != nil)
            })
    }

    /// Delivered and unread: the badge in the navigation.
    func unreadCount(for principal: Principal) async throws -> Int {
        guard !principal.isClient else { return 0 }
        return try await NotificationModel.query(on: db).filter(\.$userID == principal.userID)
            .filter(\.$deliverAt <= services.clock.now()).filter(\.$readAt == nil).count()
    }

    func markRead(_ id: UUID?, by principal: Principal) async throws {
        try principal.requireStaff("notification")
        let now = services.clock.now()
        try await services.gate.transaction(on: db) { tx in
            guard let id, let row = try await NotificationModel.find(id, on: tx), row.userID == principal.userID,
                row.deliverAt <= now
            else { throw Problem.notFound("notification") }
            if row.readAt == nil {
                row.readAt = now
                try await row.update(on: tx)
            }
        }
    }

    /// Marks every delivered notification read; returns how many changed.
    func markAllRead(by principal: Principal) async throws -> Int {
        try principal.requireStaff("notification")
        let now = services.clock.now()
        return try await services.gate.transaction(on: db) { tx in
            let query = NotificationModel.query(on: tx).filter(\.$userID == principal.userID)
                .filter(\.$deliverAt <= now).filter(\.$readAt == nil)
            let count = try await query.count()
            try await query.set(\.$readAt, to: now).update()
            return count
        }
    }

    func workingHours(for principal: Principal) async throws -> WorkingHoursResponse {
        try principal.requireStaff("user")
        guard let user = try await UserModel.find(principal.userID, on: db) else { throw Problem.notFound("user") }
        return WorkingHoursResponse(userID: principal.userID, workingHours: user.workingHours.map(CalendarBody.decode))
    }

    /// Sets (a calendar object) or clears (null) the signed-in person's working hours.
    func setWorkingHours(_ raw: Any?, by principal: Principal) async throws -> WorkingHoursResponse {
        try principal.requireStaff("user")
        var text: String?
        if let raw, !(raw is NSNull) {
            guard let object = raw as? [String: Any] else {
                throw Problem.invalid("workingHours", "must be a calendar object or null")
            }
            do {
                text = try BusinessCalendar.parse(object: object).jsonText
            } catch {
                throw ValidationError(error.problems.map { FieldProblem(field: "workingHours.\($0.field)", message: $0.message) })
            }
        }
        let stored = text
        try await services.gate.transaction(on: db) { tx in
            guard let user = try await UserModel.find(principal.userID, on: tx) else { throw Problem.notFound("user") }
            user.workingHours = stored
            try await user.update(on: tx)
        }
        return try await workingHours(for: principal)
    }

    private func ticketNumbers(_ ids: Set<UUID>) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await TicketModel.query(on: db).filter(\.$id ~~ Array(ids)).field(\.$id).field(\.$number).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.number) })
    }
}
