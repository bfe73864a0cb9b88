import Fluent
import MendCore
import Vapor

/// /api/v1/mail/inbound: what `mend mailgate` posts (one RFC 5322 message), the log of received mail and the
/// quarantine of mail from unknown senders.
struct InboundMailAPIController: RouteCollection {
    /// A whole message with its attachments may be far larger than an API body.
    static let maxMessageBytes = 30 * 1_024 * 1_024

    struct AcceptRequest: StrictRequest {
        var companyID: UUID?
        var name: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case companyID, name }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "mail", "inbound", body: .collect(maxSize: ByteCount(value: Self.maxMessageBytes)), use: receive)
        routes.get("mail", "inbound", use: list)
        routes.post("mail", "inbound", ":id", "accept", use: accept)
        routes.post("mail", "inbound", ":id", "discard", use: discard)
    }

    func receive(req: Request) async throws -> Response {
        let principal = try req.principal()
        let type = req.headers.first(name: .contentType)
        guard MediaTypeText.names(type, "message/rfc822") || MediaTypeText.names(type, "text/plain") else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the whole message as message/rfc822.")
        }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let outcome = try await InboundMailService(db: req.db, services: req.mend).receive(data, by: principal)
        let status: HTTPStatus = ["created"].contains(outcome.state) ? .created : (outcome.state == "duplicate" ? .ok : .accepted)
        return try await InboundOutcomeResponse(outcome).encodeResponse(status: status, for: req)
    }

    func list(req: Request) async throws -> ListResponse<InboundMailResponse> {
        ListResponse(
            items: try await QuarantineService(db: req.db, services: req.mend).list(
                state: try? req.query.get(String.self, at: "state"), for: try req.principal()))
    }

    func accept(req: Request) async throws -> InboundOutcomeResponse {
        let input = try StrictJSON.decode(AcceptRequest.self, from: req)
        return InboundOutcomeResponse(
            try await QuarantineService(db: req.db, services: req.mend).accept(
                try id(req), companyID: input.body.companyID, name: input.body.name, by: try req.principal()))
    }

    func discard(req: Request) async throws -> InboundMailResponse {
        try await QuarantineService(db: req.db, services: req.mend).discard(try id(req), by: try req.principal())
    }

    private func id(_ req: Request) throws -> UUID {
        try req.idParameter("id", "message")
    }
}

/// What became of a received message.
struct InboundOutcomeResponse: Content {
    var id: UUID
    var outcome: String
    var ticket: String?
    var reason: String?

    init(_ outcome: InboundMailService.Outcome) {
        id = outcome.id
        self.outcome = outcome.state
        ticket = outcome.ticket
        reason = outcome.reason
    }
}

/// A received message in the log.
struct InboundMailResponse: Content {
    var id: UUID
    var sender: String
    var subject: String
    var state: String
    var reason: String?
    var ticket: String?
    var receivedAt: Date
    var handledAt: Date?
    var handledBy: String?
}
