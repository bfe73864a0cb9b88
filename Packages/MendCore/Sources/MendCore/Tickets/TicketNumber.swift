/// Ticket numbers as people say them: `T-000123`.
public enum TicketNumber {
    /// Formats a sequence number, padded to six digits (more when it grows past them).
    public static func format(_ number: Int) -> String {
        let digits = String(number)
        return "T-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Parses `T-000123`, `t-123` or `123` (digits only, as the OpenAPI pattern says); nil for anything else.
    public static func parse(_ text: String) -> Int? {
        var body = Substring(text)
        if body.hasPrefix("T-") || body.hasPrefix("t-") { body = body.dropFirst(2) }
        guard !body.isEmpty, body.count <= 12, body.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(body), value > 0
        else { return nil }
        return value
    }
}
