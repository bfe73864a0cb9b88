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

/// Appends JSON to a byte buffer, keeping track of where commas go.
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    /// Whether the next member or element is the first of its container.
    private var first = true
    /// `/` as `\/`, as `JSONEncoder` writes it by default: for stored text that must stay byte for byte what
    /// `JSONEncoder` wrote before.
    private let escapesSlashes: Bool

    init(capacity: Int, escapingSlashes: Bool = false) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        escapesSlashes = escapingSlashes
    }

    mutating func object(_ members: (inout JSONWriter) -> Void) {
        buffer.writeInteger(UInt8(ascii: "{"))
        first = true
        members(&self)
        buffer.writeInteger(UInt8(ascii: "}"))
        first = false
    }

    mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            element.write(to: &self)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        first = false
    }

    mutating func key(_ name: StaticString) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
    }

    /// A member whose name is data rather than a literal.
    mutating func member(named name: String, _ value: String) {
        separate()
        string(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        string(value)
    }

    private mutating func separate() {
        if !first { buffer.writeInteger(UInt8(ascii: ",")) }
        first = false
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        buffer.writeString(String(value))
    }

    mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func member(_ name: StaticString, _ value: UUID?) {
        guard let value else { return }
        key(name)
        string(value.uuidString)
    }

    mutating func member(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        buffer.writeInteger(UInt8(ascii: "\""))
        ISO8601Seconds.write(value, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "\""))
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

    /// A JSON string: quotes, backslashes, control characters (and slashes, when asked) escaped; the rest as UTF-8.
    mutating func string(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        let slash: UInt8 = escapesSlashes ? UInt8(ascii: "/") : 0
        if value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == slash }) {
            escaped(value)
        } else {
            buffer.writeString(value)
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ value: String) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "/") where escapesSlashes: buffer.writeStaticString("\\/")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case 0x08: buffer.writeStaticString("\\b")
            case 0x0C: buffer.writeStaticString("\\f")
            case ..<0x20:
                buffer.writeStaticString("\\u00")
                buffer.writeInteger(hex[Int(byte >> 4)])
                buffer.writeInteger(hex[Int(byte & 0xF)])
            default: buffer.writeInteger(byte)
            }
        }
    }
}

/// `2026-11-28T17:47:41Z`: what `JSONEncoder`'s `.iso8601` strategy writes (Gregorian dates from 1583).
enum ISO8601Seconds {
    static func write(_ date: Date, to buffer: inout ByteBuffer) {
        // Foundation's formatter rounds to the millisecond, then drops the fraction of the second.
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        let seconds = Int((milliseconds / 1_000).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = LocalDate(daysSinceEpoch: days)
        digits(date.year, 4, &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.month, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.day, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: "Z"))
    }

    private static func digits(_ value: Int, _ width: Int, _ buffer: inout ByteBuffer) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
