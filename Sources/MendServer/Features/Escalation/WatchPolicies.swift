import Fluent
import Foundation
import MendCore
import NIOConcurrencyHelpers
import SQLKit

/// The escalation policies as the watch reads them on every ticket write.
extension TicketWatchScheduler {
    /// A policy as the watch uses it.
    struct Policy: Sendable {
        var id: UUID
        var name: String
        var priority: String
        var contract_id: UUID?
        var version: Int
        var updated_at: Date
        var levels: [EscalationLevel]
    }

    private struct PolicyRow: Decodable {
        var id: UUID
        var name: String
        var priority: String
        var contract_id: UUID?
        var version: Int
        var updated_at: Date
        var levels: String
    }

    /// Parsed levels by their stored text: policies are read on every ticket write, parsed only when edited.
    private static let parsed = NIOLockedValueBox<[String: [EscalationLevel]]>([:])

    /// Every escalation policy with its parsed levels: a small table, read once per batch or change, with
    /// SQLKit because it is on the ticket creation path.
    static func policies(on db: any Database) async throws -> [Policy] {
        let rows = try await db.sql.raw(
            "SELECT id, name, priority, contract_id, version, updated_at, levels FROM escalation_policies"
        ).all(decoding: PolicyRow.self)
        return rows.compactMap { row in
            let levels =
                parsed.withLockedValue { $0[row.levels] }
                ?? (try? EscalationLevel.parse(json: row.levels)).map { levels in
                    parsed.withLockedValue { cache in
                        if cache.count > 256 { cache.removeAll() }
                        cache[row.levels] = levels
                    }
                    return levels
                }
            return levels.map {
                Policy(
                    id: row.id, name: row.name, priority: row.priority, contract_id: row.contract_id, version: row.version,
                    updated_at: row.updated_at, levels: $0)
            }
        }
    }

    /// The policy for a ticket: its contract's for its priority, else the general one.
    static func policy(
        for ticket: TicketModel, in policies: [Policy]
    ) -> Policy? {
        let same = policies.filter { $0.priority == ticket.priority }
        return same.first { $0.contract_id != nil && $0.contract_id == ticket.contractID }
            ?? same.first { $0.contract_id == nil }
    }
}
