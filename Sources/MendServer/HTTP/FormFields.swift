import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, as a browser sent them.
enum FormFields {
    /// Each field's value; a field sent more than once (`done[]`) keeps its values one per line.
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
            if let earlier = fields[name] { fields[name] = earlier + "\n" + value } else { fields[name] = value }
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
