import Fluent
import Foundation
import MendCore

/// Writes in-app notifications inside the caller's transaction; MendCore's `NotificationTiming` decides
/// when each one shows: at once for a P1 ticket or a recipient on call, else when their working hours start.
struct Notifier {
    let db: any Database
    let services: MendServices

    /// Active staff users among `ids`, in the order given.
    func staff(ids: [UUID]) async throws -> [UserModel] {
        guard !ids.isEmpty else { return [] }
        let rows = try await UserModel.query(on: db).filter(\.$id ~~ ids).filter(\.$active == true)
            .filter(\.$companyID == nil).all()
        return ids.compactMap { id in rows.first { $0.id == id } }
    }

    /// Active staff users holding any of `roles`, by name.
    func staff(roles: [String]) async throws -> [UserModel] {
        guard !roles.isEmpty else { return [] }
        return try await UserModel.query(on: db).filter(\.$roleKey ~~ roles).filter(\.$active == true)
            .filter(\.$companyID == nil).sort(\.$name).all()
    }

    /// Who is on call now in any rotation, by user id text.
    func onCall(at now: Date) async throws -> Set<String> {
        let service = OnCallService(db: db, services: services)
        var people = Set<String>()
        for row in try await RotationModel.query(on: db).all() {
            if let person = try await service.core(row).onCall(at: now) { people.insert(person) }
        }
        return people
    }

    /// Notifies each of `users` once; `urgent` (a page) ignores working hours like a P1 does.
    @discardableResult
    func send(
        to users: [UserModel], ticket: TicketModel?, kind: String, title: String, body: String, urgent: Bool = false,
        now: Date
    ) async throws -> [UserModel] {
        var seen = Set<UUID>()
        let recipients = users.filter { seen.insert($0.id!).inserted }
        guard !recipients.isEmpty else { return [] }
        let priority = ticket.flatMap { Priority(rawValue: $0.priority) }
        let needsRotations = !urgent && priority != .p1 && recipients.contains { $0.workingHours != nil }
        let rows = rows(
            to: recipients, ticketID: ticket?.id, priority: urgent ? .p1 : priority, kind: kind, title: title, body: body,
            onCall: needsRotations ? try await onCall(at: now) : [], now: now)
        try await Self.insert(rows, on: db)
        return recipients
    }

    /// The notification rows for `users`, each with its delivery instant, for writers that batch inserts.
    func rows(
        to users: [UserModel], ticketID: UUID?, priority: Priority?, kind: String, title: String, body: String,
        onCall: Set<String>, now: Date
    ) -> [NotificationModel] {
        users.map { user in
            let hours = user.workingHours.flatMap { try? services.sla.calendar($0).0 }
            let row = NotificationModel()
            row.id = UUID()
            row.userID = user.id!
            row.ticketID = ticketID
            row.kind = kind
            row.title = title
            row.body = body
            row.createdAt = now
            row.deliverAt = NotificationTiming.deliverAt(
                now: now, priority: priority, recipientOnCall: onCall.contains(user.id!.uuidString), workingHours: hours)
            return row
        }
    }

    /// Inserts the rows in the caller's transaction (`NotificationRowsInsert`).
    static func insert(_ rows: [NotificationModel], on db: any Database) async throws {
        try await NotificationRowsInsert.run(rows, on: db)
    }

    /// "T-000123 P2: summary", the usual opening of a ticket notification.
    static func label(_ ticket: TicketModel) -> String {
        "\(TicketNumber.format(ticket.number)) \(ticket.priority.uppercased()): \(ticket.summary)"
    }
}
