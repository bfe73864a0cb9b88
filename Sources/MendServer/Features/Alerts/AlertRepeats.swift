import Fluent
import Foundation
import MendCore
import SQLKit

/// A repeat of an alert whose ticket is open: the hot path of a noisy monitor, written by
/// `TicketWriter.countRepeats` in batches. Without `ticketID` the open ticket is found by its fingerprint.
struct AlertRepeat: Sendable {
    var ticketID: UUID?
    var company: UUID
    var summary: String
    var fingerprint: String
    var actor: Principal
    var at: Date
}

/// The ticket a repeat was counted on.
struct AlertRepeatResult: Sendable, Decodable {
    var id: UUID
    var version: Int
    var alert_count: Int
    var number: Int
    var status: String
}
