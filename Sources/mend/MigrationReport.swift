import Foundation
import MendServer

/// `mend migrate --status` as people read it: the applied migrations with when they ran, then what is pending.
enum MigrationReport {
    static func text(_ status: SchemaStatus) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = ["Applied: \(status.applied.count)"]
        for migration in status.applied {
            let known = status.unknown.contains(migration.name) ? "  (unknown to this mend: a newer release)" : ""
            lines.append("  \(migration.name)  \(migration.at.map(formatter.string) ?? "")\(known)")
        }
        lines.append("Pending: \(status.pending.count)")
        lines += status.pending.map { "  \($0)" }
        lines.append(
            status.isCurrent
                ? "The database is up to date."
                : !status.unknown.isEmpty
                    ? "A newer release upgraded this database: this mend refuses to serve it."
                    : "Run `mend migrate` (mend serve runs them itself unless MEND_MIGRATE=never).")
        return lines.joined(separator: "\n")
    }
}
