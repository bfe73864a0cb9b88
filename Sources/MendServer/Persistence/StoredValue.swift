import Foundation

/// Reads a stored enum through its type: a value no case matches is an error naming the column, never a silent
/// default that would let a broken row pass for a New or P3 ticket.
enum StoredValue {
    static func read<T: RawRepresentable>(_ type: T.Type, _ raw: String, column: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw Problem(
                .internalServerError, "unreadable-stored-value", "Unreadable stored value",
                detail: "The stored \(column) '\(raw)' is not a known value; nothing was changed.")
        }
        return value
    }
}
