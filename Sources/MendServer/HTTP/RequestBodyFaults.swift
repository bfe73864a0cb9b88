import Foundation

/// Finds, in a body the decoders could not take or took too readily, the member at fault, so the answer names it:
/// a number that is not a whole number an integer can hold, or a string holding a NUL (which storage would cut
/// the text at). Runs only on those paths, never on a body that decoded cleanly without a NUL escape.
enum RequestBodyFaults {
    /// Any JSON value, numbers as `Double` so that 1.5 and 1e30 read at all.
    private enum Value: Decodable {
        case string(String), number(Double), bool(Bool), null, array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [String: Value] = [:]
                for key in object.allKeys { members[key.stringValue] = try object.decode(Value.self, forKey: key) }
                self = .object(members)
            } else if var array = try? decoder.unkeyedContainer() {
                var items: [Value] = []
                while !array.isAtEnd { items.append(try array.decode(Value.self)) }
                self = .array(items)
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() {
                    self = .null
                } else if let flag = try? single.decode(Bool.self) {
                    self = .bool(flag)
                } else if let number = try? single.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .string(try single.decode(String.self))
                }
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The first number that an integer member cannot hold, as a problem naming its path.
    static func numberProblem(in data: Data) -> Problem? {
        guard let value = try? JSONDecoder().decode(Value.self, from: data) else { return nil }
        return find(value, path: "") { value, path in
            guard case .number(let n) = value, n.rounded() != n || abs(n) >= 9.2e18 else { return nil }
            return .invalid(path, "must be a whole number within range")
        }
    }

    /// The first string holding a NUL character, as a problem naming its path. Cheap when there is none: the raw
    /// bytes are searched for the escape first.
    static func nulProblem(in data: Data) -> Problem? {
        guard data.range(of: Data(#"\u0000"#.utf8)) != nil,
            let value = try? JSONDecoder().decode(Value.self, from: data)
        else { return nil }
        return find(value, path: "") { value, path in
            guard case .string(let text) = value, text.utf8.contains(0) else { return nil }
            return .invalid(path.isEmpty ? "body" : path, "must not contain a NUL character")
        }
    }

    private static func find(_ value: Value, path: String, _ test: (Value, String) -> Problem?) -> Problem? {
        if let problem = test(value, path) { return problem }
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                let member = path.isEmpty ? key : "\(path).\(key)"
                if let value = members[key], let problem = find(value, path: member, test) { return problem }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let problem = find(item, path: "\(path)[\(index)]", test) { return problem }
            }
        default:
            break
        }
        return nil
    }

    /// The first field of a URL-encoded form whose value holds a NUL character, as a problem naming it.
    static func formNulProblem(in body: String) -> Problem? {
        guard body.range(of: "%00") != nil else { return nil }
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let value = parts.count > 1 ? decode(parts[1]) : "", value.utf8.contains(0) else { continue }
            return .invalid(decode(parts[0]) ?? "form", "must not contain a NUL character")
        }
        return nil
    }
}
