import Foundation

/// The JSON body of one webhook delivery: the event as the timeline records it, and the ticket it is about.
public struct WebhookPayload: Sendable, Equatable, Codable {
    /// The ticket as it stood after the change.
    public struct Ticket: Sendable, Equatable, Codable {
        public var id: UUID
        public var number: String
        public var summary: String
        public var status: String
        public var priority: String
        public var companyID: UUID
        /// The ticket's page; the API has it at /api/v1/tickets/{number}.
        public var url: String

        public init(
            id: UUID, number: String, summary: String, status: String, priority: String, companyID: UUID, url: String
        ) {
            self.id = id
            self.number = number
            self.summary = summary
            self.status = status
            self.priority = priority
            self.companyID = companyID
            self.url = url
        }
    }

    /// The delivery's id, also in the `Mend-Delivery` header: the same on every retry, so receivers can drop repeats.
    public var id: UUID
    /// The event kind, also in the `Mend-Event` header; `ping` for a test delivery.
    public var event: String
    public var eventID: UUID?
    public var occurredAt: Date
    public var summary: String
    /// `onstage` (the client sees it) or `backstage`.
    public var visibility: String
    public var actor: String
    public var before: [String: String]?
    public var after: [String: String]?
    public var ticket: Ticket?

    public init(
        id: UUID, event: String, eventID: UUID?, occurredAt: Date, summary: String, visibility: String, actor: String,
        before: [String: String]?, after: [String: String]?, ticket: Ticket?
    ) {
        self.id = id
        self.event = event
        self.eventID = eventID
        self.occurredAt = occurredAt
        self.summary = summary
        self.visibility = visibility
        self.actor = actor
        self.before = before
        self.after = after
        self.ticket = ticket
    }

    /// The event kind of a test delivery an admin sends from the subscription's page.
    public static let ping = "ping"

    /// The body as sent: keys sorted, instants in ISO 8601 UTC.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    /// An event's stored `before`/`after` text as a map; nil for none or for text that is not a flat JSON object.
    public static func fields(_ json: String?) -> [String: String]? {
        guard let json, let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object.mapValues { value in
            switch value {
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: "\(value)"
            }
        }
    }
}
