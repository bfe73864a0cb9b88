import Foundation

/// A request that can also be read from a flat object, the shape nearly every client sends. `JSONDecoder`
/// with the strict envelope was 7% of the server's CPU at full creation load; a flat body is read here in a
/// fraction of that. Returning nil hands the body to `JSONDecoder`, which then decides and words any error,
/// so the fast path only ever accepts what the decoder would accept, with the same values.
protocol FlatDecodable: StrictRequest {
    init?(flat: FlatJSONObject)
}

/// A JSON object whose members are all strings or null, in the order sent.
struct FlatJSONObject {
    private(set) var members: [(key: String, value: String?)] = []

    /// Nil for anything else: other value types, nesting, `\u` escapes, duplicate or malformed members.
    static func parse(_ data: Data) -> FlatJSONObject? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.object()
        }
    }

    /// The same, from text already in memory: the fields an event stores as JSON.
    static func parse(_ text: String) -> FlatJSONObject? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.object()
        }
    }

    var keys: [String] { members.map(\.key) }

    /// The members as a dictionary, when none is null.
    var strings: [String: String]? {
        var result: [String: String] = [:]
        for (key, value) in members {
            guard let value else { return nil }
            result[key] = value
        }
        return result
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func object() -> FlatJSONObject? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var object = FlatJSONObject()
            skipSpace()
            if !take(UInt8(ascii: "}")) {
                while true {
                    skipSpace()
                    guard take(UInt8(ascii: "\"")), let key = string() else { return nil }
                    guard !object.members.contains(where: { $0.key == key }) else { return nil }
                    skipSpace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    let value: String?
                    if take(UInt8(ascii: "\"")) {
                        guard let text = string() else { return nil }
                        value = text
                    } else if takeNull() {
                        value = nil
                    } else {
                        return nil
                    }
                    object.members.append((key, value))
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipSpace()
            return index == bytes.count ? object : nil
        }

        /// The rest of a string whose opening quote was taken.
        private mutating func string() -> String? {
            let start = index
            var plain = true
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                let byte = bytes[index]
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    plain = false
                    index += 1
                    guard index < bytes.count, bytes[index] != UInt8(ascii: "u") else { return nil }
                }
                index += 1
            }
            guard index < bytes.count else { return nil }
            let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            return plain ? String(validating: content, as: UTF8.self) : unescaped(content)
        }

        private func unescaped(_ content: UnsafeBufferPointer<UInt8>) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(content.count)
            var i = 0
            while i < content.count {
                var byte = content[i]
                if byte == UInt8(ascii: "\\") {
                    i += 1
                    switch content[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte = content[i]
                    case UInt8(ascii: "n"): byte = 0x0A
                    case UInt8(ascii: "r"): byte = 0x0D
                    case UInt8(ascii: "t"): byte = 0x09
                    case UInt8(ascii: "b"): byte = 0x08
                    case UInt8(ascii: "f"): byte = 0x0C
                    default: return nil
                    }
                }
                out.append(byte)
                i += 1
            }
            return String(validating: out, as: UTF8.self)
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func takeNull() -> Bool {
            guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
            else { return false }
            index += 4
            return true
        }

        private mutating func skipSpace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
            {
                index += 1
            }
        }
    }
}
