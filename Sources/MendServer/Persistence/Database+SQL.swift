import FluentKit
import SQLKit
import Vapor

extension Database {
    /// This database as SQL. Both of Mend's drivers speak it; asking anything else fails as a server error
    /// instead of trapping.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else {
                throw Problem(
                    .internalServerError, "internal", "Internal error", detail: "The database does not speak SQL.")
            }
            return sql
        }
    }
}
