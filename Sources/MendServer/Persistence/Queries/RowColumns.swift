import Foundation
import SQLKit

/// Reads a row's columns for the hand-decoded rows of lists. SQLiteKit decodes an optional, and a UUID, through a
/// `Decoder` made for the column, and a UUID stored as text through `sscanf`: over a page of a hundred tickets that
/// was most of the rows' decoding (BENCHMARKS.md, issue 24). Here an optional is a nil check then the plain value,
/// and on SQLite a UUID is its text read by `UUIDText`.
struct RowColumns {
    let row: any SQLRow
    /// SQLite stores UUIDs as text; PostgreSQL as `uuid`, which its driver decodes directly.
    let sqlite: Bool

    func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try row.decode(column: column, as: T.self)
    }

    func optional<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        try row.decodeNil(column: column) ? nil : row.decode(column: column, as: T.self)
    }

    func uuid(_ column: String) throws -> UUID {
        guard sqlite else { return try row.decode(column: column, as: UUID.self) }
        let text = try row.decode(column: column, as: String.self)
        guard let id = UUIDText.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID: \(text)"))
        }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        try row.decodeNil(column: column) ? nil : uuid(column)
    }
}

/// The 36 characters of a UUID (either case) read without Foundation's `sscanf`.
enum UUIDText {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &raw) { out -> Bool in
                var index = 0
                var position = 0
                while position < 36 {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        guard bytes[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                        continue
                    }
                    guard let high = nibble(bytes[position]), let low = nibble(bytes[position + 1]) else { return false }
                    out[index] = high << 4 | low
                    index += 1
                    position += 2
                }
                return true
            }
            return ok ? UUID(uuid: raw) : nil
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
