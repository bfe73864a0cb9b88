import Foundation
import MendCore

/// The notifications page: pages waiting for the viewer, their delivered notifications, and their working hours.
struct NotificationsPage: Encodable {
    struct PageCard: Encodable {
        var id: String
        var ticket: String
        var summary: String
        var priority: String
        var priorityLevel: Int
        var reason: String
        var ackBy: String
        var chain: String
    }

    struct Item: Encodable {
        var id: String
        var title: String
        var body: String
        var ticket: String?
        var when: String
        var read: Bool
    }

    var layout: LayoutContext
    var pages: [PageCard]
    var items: [Item]
    var unread: Int
    var alwaysAtWork: Bool
    var timezone: String
    var days: [CalendarForm.Day]
    var errors: [FieldProblem]
    var notice: String?
    /// A refused form of the page: which one, what it held and why.
    var refusal: FormRefusal.View?
}
