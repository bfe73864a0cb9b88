import Foundation

/// Media types compared as RFC 9110 says: type and subtype without regard to case, parameters aside.
enum MediaTypeText {
    /// `type/subtype` of a Content-Type value, lowercased and trimmed.
    static func essence(_ value: String) -> String {
        let head = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether a Content-Type value names `essence` (given in lowercase).
    static func names(_ value: String?, _ essence: String) -> Bool {
        value.map { Self.essence($0) == essence } ?? false
    }
}
