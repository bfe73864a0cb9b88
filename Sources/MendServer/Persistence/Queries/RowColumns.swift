import Foundation
import SQLKit
import SQLiteNIO

/// Reads a row's columns for the hand-decoded rows of lists. SQLiteKit decodes each value through a `Decoder`, an
/// optional and a UUID through one made for the column, and a UUID stored as text through `sscanf`: over a page of
/// a hundred tickets that was most of the rows' decoding (BENCHMARKS.md, issue 24). On SQLite the row is SQLiteNIO's
/// own, each value converted as SQLiteKit's decoder converts it in the end (`init(sqliteData:)`), a UUID read from
/// its text by `UUIDText`; elsewhere an optional is a nil check then the plain value.
///
/// Columns are read in the SELECT's order: on SQLite the next column is taken when its name is the one asked for,
/// and looked up by name otherwise; a hash of the name for each of a row's 43 columns was 8% of a page.
struct RowColumns {
    private let sqlite: SQLiteRow?
    private let columns: [SQLiteColumn]
    private let sql: (any SQLRow)?
    /// The SQLite column expected next.
    private var next = 0

    /// A row of SQLiteNIO.
    init(sqlite row: SQLiteRow) {
        sqlite = row
        columns = row.columns
        sql = nil
    }

    /// A row of SQLKit; on PostgreSQL its driver decodes UUIDs directly.
    init(sql row: any SQLRow) {
        sqlite = nil
        columns = []
        sql = row
    }

    mutating func value<T: Decodable & SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        if let sql { return try sql.decode(column: column, as: T.self) }
        guard let value = T(sqliteData: try data(column)) else { throw Self.mismatch(column, T.self) }
        return value
    }

    mutating func optional<T: Decodable & SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T? {
        if let sql { return try sql.decodeNil(column: column) ? nil : sql.decode(column: column, as: T.self) }
        let data = try data(column)
        if data.isNull { return nil }
        guard let value = T(sqliteData: data) else { throw Self.mismatch(column, T.self) }
        return value
    }

    mutating func uuid(_ column: String) throws -> UUID {
        guard let id = try optionalUUID(column) else { throw Self.mismatch(column, UUID.self) }
        return id
    }

    mutating func optionalUUID(_ column: String) throws -> UUID? {
        if let sql { return try sql.decodeNil(column: column) ? nil : sql.decode(column: column, as: UUID.self) }
        let data = try data(column)
        if data.isNull { return nil }
        guard case let .text(text) = data, let id = UUIDText.parse(text) else { throw Self.mismatch(column, UUID.self) }
        return id
    }

    private mutating func data(_ column: String) throws -> SQLiteData {
        if next < columns.count, columns[next].name == column {
            next += 1
            return columns[next - 1].data
        }
        guard let data = sqlite?.column(column) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The row has no column \(column)."))
        }
        return data
    }

    private static func mismatch(_ column: String, _ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "\(column) is not a \(type)."))
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
