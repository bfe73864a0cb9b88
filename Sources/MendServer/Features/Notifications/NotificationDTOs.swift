import Foundation
import Vapor

/// An in-app notification as the API shows it.
struct NotificationResponse: Content {
    var id: UUID
    var kind: String
    var title: String
    var body: String
    var ticket: String?
    var createdAt: Date
    var deliveredAt: Date
    var read: Bool
}

/// The signed-in person's notifications that have reached them, newest first, and how many are unread.
struct NotificationListResponse: Content {
    var unread: Int
    var items: [NotificationResponse]
}

/// When notifications reach a person: a calendar, or null for always.
struct WorkingHoursResponse: Content {
    var userID: UUID
    var workingHours: CalendarBody?
}
