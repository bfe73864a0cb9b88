import Foundation
import Vapor

/// A page as the API shows it: the ticket, who has it now, the chain, and until when to acknowledge.
struct PageResponse: Content {
    struct Person: Content {
        var id: UUID
        var name: String
    }

    var id: UUID
    var ticket: String
    var ticketSummary: String
    var priority: String
    var reason: String
    var state: String
    var current: Person?
    var chain: [Person]
    var step: Int
    var ackMinutes: Int
    var ackDueAt: Date?
    var sentAt: Date
    var answeredAt: Date?
    var answeredBy: Person?
}

/// Declining a page needs a reason; it moves to the next person at once.
struct PageDeclineRequest: StrictRequest {
    var reason: String

    enum CodingKeys: String, CodingKey, CaseIterable { case reason }
}
