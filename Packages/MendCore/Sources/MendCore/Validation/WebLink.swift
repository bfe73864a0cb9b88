import Foundation

/// An http or https link as Mend takes one (Tier 1's attachments, a vendor's portal, a webhook's address): the
/// scheme, a host name (no user name or password), an optional port, then a path, query or fragment of the
/// characters RFC 3986 allows, percent escapes whole. The API document carries the same pattern, so what it calls
/// valid and what the server takes are one set, and every such link is a Foundation `URL`.
public enum WebLink {
    /// The pattern, for the API document and for `isValid`.
    public static let pattern =
        #"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?([/?](%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!$&'()*+,;=:@/?-])*)?(#(%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!$&'()*+,;=:@/?-])*)?$"#

    /// The longest link accepted, in code points.
    public static let maxLength = 2_000

    private static let expression = try? NSRegularExpression(pattern: pattern)

    /// Whether `text` is such a link.
    public static func isValid(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= maxLength, let expression else { return false }
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, options: [.anchored], range: range)?.range == range
    }
}
