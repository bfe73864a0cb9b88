import Fluent
import Foundation
import PostgresNIO

/// Many rows sent to PostgreSQL as one array per column and spread out again by `unnest`: one small statement
/// with a dozen binds instead of tens of thousands, each of which SQLKit encoded through `Encodable`.
/// PostgresNIO encodes arrays of non-optional values only, so a nullable column travels as its values and a
/// mask of which are NULL.
enum PostgresBulk {
    /// The PostgreSQL connection behind a Fluent database (in a transaction, that transaction's); nil on SQLite.
    static func database(_ db: any Database) -> (any PostgresDatabase)? { db as? any PostgresDatabase }

    /// Runs `sql` with `binds` on the database's connection.
    static func run(_ sql: String, _ binds: PostgresBindings, on db: any PostgresDatabase) async throws {
        try await query(sql, binds, on: db) { rows in try await rows.consume() }
    }

    /// Runs `sql` with `binds` and hands its rows to `read`, which decodes them with PostgresNIO's own types.
    static func query<Result: Sendable>(
        _ sql: String, _ binds: PostgresBindings, on db: any PostgresDatabase,
        read: @escaping @Sendable (PostgresRowSequence) async throws -> Result
    ) async throws -> Result {
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await read(try await connection.query(query, logger: connection.logger))
            }
        }.get()
    }

    /// A nullable column: its values (`fill` where NULL) and the NULL mask, as two binds.
    static func append<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(
        _ values: [Value?], fill: Value, to binds: inout PostgresBindings
    ) {
        binds.append(values.map { $0 ?? fill })
        binds.append(values.map { $0 == nil })
    }
}

extension PostgresRowSequence {
    /// Reads and drops every row.
    fileprivate func consume() async throws {
        for try await _ in self {}
    }
}
