import Foundation
import Vapor

/// What the CSR told the client: the expectation and an ETA for restoration.
struct HandoffRequest: StrictRequest {
    var expectation: String?
    var eta: Date?

    enum CodingKeys: String, CodingKey, CaseIterable { case expectation, eta }
}

/// A ticket's CSR handoff: required for P1/P2, and the record when made.
struct HandoffResponse: Content {
    var ticket: String
    var required: Bool
    var missing: Bool
    var csrID: UUID?
    var csrName: String?
    var at: Date?
    var expectation: String?
    var eta: Date?
}

/// P1/P2 tickets opened in a period and their handoffs: how many were made, how soon, and which are missing.
struct HandoffReportResponse: Content {
    struct Item: Content {
        var ticket: String
        var summary: String
        var priority: String
        var status: String
        var openedAt: Date
        var handoffAt: Date?
        var minutesToHandoff: Int?
        var csrName: String?
    }

    var from: Date
    var to: Date
    var reminderMinutes: Int
    var tickets: Int
    var handedOff: Int
    var withinReminder: Int
    var missing: Int
    var medianMinutes: Int?
    var items: [Item]
}
