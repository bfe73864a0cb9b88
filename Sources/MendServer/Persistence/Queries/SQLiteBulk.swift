import Fluent
import Foundation
import SQLiteNIO

/// Multi-row statements sent to SQLite as text and `SQLiteData` binds, past SQLKit's serializer and Encodable
/// binds: for the scheduler's thousands of rows per tick those cost more than SQLite's own work (BENCHMARKS.md).
/// Values are stored as SQLiteKit stores them: UUIDs as their text, instants as seconds since 1970.
enum SQLiteBulk {
    /// The SQLite connection behind a Fluent database or the write gate's transaction; nil on PostgreSQL.
    static func database(_ db: any Database) -> (any SQLiteDatabase)? {
        if let pinned = db as? PinnedTransaction { return pinned.sqlite ?? pinned.connection as? any SQLiteDatabase }
        return db as? any SQLiteDatabase
    }

    /// Inserts `rows` with as few statements as SQLite's bind limit allows; `values` appends one row's values,
    /// one per column, to the statement's binds (no array per row).
    static func insert<Row>(
        into table: String, columns: [String], rows: [Row], ignoringConflicts: Bool = false, on db: any SQLiteDatabase,
        values: (Row, inout [SQLiteData]) -> Void
    ) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = 32_000 / columns.count
        let head =
            "INSERT \(ignoringConflicts ? "OR IGNORE " : "")INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = head + Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for row in chunk { values(row, &binds) }
            try await db.query(sql, binds) { _ in }
        }
    }
}

extension SQLiteData {
    /// A UUID as SQLiteKit binds it.
    static func id(_ value: UUID?) -> SQLiteData { value.map { .text($0.uuidString) } ?? .null }
    /// An instant as SQLiteKit binds it.
    static func instant(_ value: Date?) -> SQLiteData { value.map { .float($0.timeIntervalSince1970) } ?? .null }
    /// A Bool as SQLiteKit binds it (1 or 0), or NULL.
    static func flag(_ value: Bool?) -> SQLiteData { value.map { .integer($0 ? 1 : 0) } ?? .null }
    /// An integer or NULL.
    static func number(_ value: Int?) -> SQLiteData { value.map { .integer($0) } ?? .null }
    /// Text or NULL.
    static func string(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }

    /// The UUID stored as text, if this is one.
    var id: UUID? {
        if case .text(let text) = self { return UUID(uuidString: text) }
        return nil
    }
}
