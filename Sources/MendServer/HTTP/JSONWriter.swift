import Foundation
import MendCore
import NIOCore
import Vapor

/// A body that writes its own JSON. The ticket representation is in the answer to every creation, read and
/// change, and `JSONEncoder`'s keyed containers cost 8% of the server's CPU at full creation load; this
/// writes the same members (nil ones left out, dates in ISO 8601 seconds with `Z`) straight into a buffer.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension JSONWritable {
    /// The body as an `application/json` response.
    func jsonResponse(status: HTTPStatus = .ok, capacity: Int = 1_536) -> Response {
        var json = JSONWriter(capacity: capacity)
        write(to: &json)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: json.buffer))
    }
}

/// Appends JSON to an array of bytes, keeping track of where commas go. Bytes go into a plain array and become one
/// `ByteBuffer` at the end: a `ByteBuffer` write per byte (its uniqueness and capacity checks) was a third of writing
/// a page of tickets (BENCHMARKS.md, issue 24).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member or element is the first of its container.
    private var first = true
    /// `/` as `\/`, as `JSONEncoder` writes it by default: for stored text that must stay byte for byte what
    /// `JSONEncoder` wrote before.
    private let escapesSlashes: Bool

    init(capacity: Int, escapingSlashes: Bool = false) {
        bytes.reserveCapacity(capacity)
        escapesSlashes = escapingSlashes
    }

    /// The JSON written, as a buffer for a response body.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// The JSON written, as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func object(_ members: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element.write(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A member whose name is data rather than a literal.
    mutating func member(named name: String, _ value: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        string(value)
    }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        append(value ? "true" : "false")
    }

    mutating func member(_ name: StaticString, _ value: UUID?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        uuid(value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func member(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        ISO8601Seconds.write(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func member<Value: RawRepresentable<String>>(_ name: StaticString, _ value: Value?) {
        member(name, value?.rawValue)
    }

    mutating func member<Value: JSONWritable>(_ name: StaticString, _ value: Value?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func member<Element: JSONWritable>(_ name: StaticString, _ elements: [Element]) {
        key(name)
        array(elements)
    }

    /// An integer in decimal, as `String(value)` writes it: its digits from the last, then turned around.
    private mutating func integer(_ value: Int) {
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes[start...].reverse()
    }

    /// A UUID as `uuidString` writes it: upper-case hexadecimal in groups of 8, 4, 4, 4 and 12.
    private mutating func uuid(_ value: UUID) {
        let hex: StaticString = "0123456789ABCDEF"
        withUnsafeBytes(of: value.uuid) { raw in
            hex.withUTF8Buffer { digits in
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0xF)])
                }
            }
        }
    }

    /// A JSON string: quotes, backslashes, control characters (and slashes, when asked) escaped; the rest as UTF-8.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let slash: UInt8 = escapesSlashes ? UInt8(ascii: "/") : 0
        if value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == slash }) {
            escaped(value)
        } else {
            bytes.append(contentsOf: value.utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ value: String) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "/") where escapesSlashes: append("\\/")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case ..<0x20:
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
    }
}

/// `2026-11-28T17:47:41Z`: what `JSONEncoder`'s `.iso8601` strategy writes (Gregorian dates from 1583).
enum ISO8601Seconds {
    static func write(_ date: Date, to bytes: inout [UInt8]) {
        // Foundation's formatter rounds to the millisecond, then drops the fraction of the second.
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        let seconds = Int((milliseconds / 1_000).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = LocalDate(daysSinceEpoch: days)
        digits(date.year, 4, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(date.month, 2, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(date.day, 2, &bytes)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2, &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func digits(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
