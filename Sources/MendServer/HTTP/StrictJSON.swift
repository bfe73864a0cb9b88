import MendCore
import Vapor

/// A request body whose accepted member names are known, so unknown members are refused, not ignored.
protocol StrictRequest: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable<String>
}

/// A decoded body together with the member names the client actually sent (to tell null from absent).
struct Decoded<Body: Sendable>: Sendable {
    var body: Body
    var present: Set<String>

    func has(_ key: String) -> Bool { present.contains(key) }
}

/// Refuses unknown members before decoding the request itself from the same decoder.
private struct StrictEnvelope<T: StrictRequest>: Decodable {
    var body: T
    var present: Set<String>

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let known = Set(T.CodingKeys.allCases.map(\.rawValue))
        let unknown = members.filter { !known.contains($0) }.sorted()
        if let first = unknown.first {
            throw Problem(
                .badRequest, "unknown-field", "Unknown field",
                detail:
                    "Unknown member(s): \(unknown.joined(separator: ", ")). Accepted: \(known.sorted().joined(separator: ", ")).",
                field: first)
        }
        present = Set(members)
        body = try T(from: decoder)
    }
}

/// Strict JSON decoding: malformed JSON, unknown members, wrong types and missing members become problems.
enum StrictJSON {
    static func decode<T: StrictRequest>(_ type: T.Type, from request: Request) throws -> Decoded<T> {
        guard isJSON(request.headers) else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the body as application/json.")
        }
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body is empty.")
        }
        return try decode(type, data: Data(buffer.readableBytesView))
    }

    /// A body that is validated by a MendCore parser (SLA policies, calendars): a JSON object, untyped. Every
    /// string in it is refused with a NUL, unless `refuseNUL` is false for a body whose parser reads only some of its
    /// members and checks those itself (Alertmanager's, which carries members Mend ignores).
    static func object(from request: Request, refuseNUL: Bool = true) throws -> [String: Any] {
        guard isJSON(request.headers) else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the body as application/json.")
        }
        guard let buffer = request.body.data, buffer.readableBytes > 0,
            let parsed = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
        else {
            throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body is not valid JSON.")
        }
        guard let object = parsed as? [String: Any] else {
            throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body must be a JSON object.")
        }
        if refuseNUL, let problem = RequestBodyFaults.nulProblem(in: Data(buffer.readableBytesView)) { throw problem }
        return object
    }

    /// `application/json` or a `+json` type, in any letter case (media types are case-insensitive). The plain header
    /// is compared first: Vapor's media type parser was 1.6% of the server's CPU at full creation load.
    private static func isJSON(_ headers: HTTPHeaders) -> Bool {
        guard let raw = headers.first(name: .contentType) else { return false }
        if raw == "application/json" || raw.hasPrefix("application/json;") { return true }
        let essence = MediaTypeText.essence(raw)
        return essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    /// Parses the body once: the envelope checks the member names, then decodes the request from the same parse.
    static func decode<T: StrictRequest>(_ type: T.Type, data: Data) throws -> Decoded<T> {
        if let flatType = T.self as? any FlatDecodable.Type, let object = FlatJSONObject.parse(data),
            let body = flatType.init(flat: object) as? T
        {
            return Decoded(body: body, present: Set(object.keys))
        }
        let decoder = JSONDecoder()
        // A custom strategy so a bad date error carries its field's coding path. RFC 3339, as the document says:
        // fractional seconds are taken and an impossible date is refused, not rolled over.
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = CalendarInstant.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an ISO8601 date-time")
            }
            return date
        }
        let envelope: StrictEnvelope<T>
        do {
            envelope = try decoder.decode(StrictEnvelope<T>.self, from: data)
        } catch let error as DecodingError {
            if case let .dataCorrupted(context) = error, context.codingPath.isEmpty {
                // Foundation reports a number no integer holds (1.5, 1e30) without its member: find it.
                if let problem = RequestBodyFaults.numberProblem(in: data) { throw problem }
                throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body is not valid JSON.")
            }
            if case let .valueNotFound(_, context) = error, context.codingPath.isEmpty {
                throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body must be a JSON object.")
            }
            if case let .typeMismatch(_, context) = error, context.codingPath.isEmpty {
                throw Problem(.badRequest, "malformed-json", "Malformed JSON", detail: "The request body must be a JSON object.")
            }
            throw error
        }
        if let problem = RequestBodyFaults.nulProblem(in: data) { throw problem }
        return Decoded(body: envelope.body, present: envelope.present)
    }

    static func problem(for error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            (codingPath + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
                .joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            return .invalid(path(context.codingPath, key), "is required")
        case let .valueNotFound(_, context):
            return .invalid(path(context.codingPath), "must not be null")
        case let .typeMismatch(type, context):
            return .invalid(path(context.codingPath), "must be \(jsonTypeName(type))")
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            if context.debugDescription.contains("ISO8601") || context.debugDescription.contains("date") {
                return .invalid(field, "must be an ISO 8601 date-time such as 2026-11-27T09:30:00Z")
            }
            if let allowed = context.debugDescription.allowedValuesHint {
                return .invalid(field, "must be one of: \(allowed)")
            }
            return .invalid(field.isEmpty ? "body" : field, "has an invalid value")
        @unknown default:
            return .invalid("body", "could not be decoded")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "of the documented type"
        }
    }
}

extension String {
    /// Enum decoding errors name the type; we map it back to its cases for a helpful message.
    fileprivate var allowedValuesHint: String? {
        for type in documentedEnums where self.contains(type.name) { return type.values.joined(separator: ", ") }
        return nil
    }
}

/// Computed at each use: the statuses are those of the process definition in force.
private var documentedEnums: [(name: String, values: [String])] {
    [
        ("TicketStatus", TicketStatus.allCases.map(\.rawValue)),
        ("Priority", Priority.allCases.map(\.rawValue)),
        ("Impact", Impact.allCases.map(\.rawValue)),
        ("Urgency", Urgency.allCases.map(\.rawValue)),
        ("TicketSource", TicketSource.allCases.map(\.rawValue)),
        ("Visibility", Visibility.allCases.map(\.rawValue)),
        ("WorkType", WorkType.allCases.map(\.rawValue)),
        ("TestResult", TestResult.allCases.map(\.rawValue)),
        ("VerificationOutcome", VerificationOutcome.allCases.map(\.rawValue)),
        ("ContactChannel", ContactChannel.allCases.map(\.rawValue)),
    ]
}
