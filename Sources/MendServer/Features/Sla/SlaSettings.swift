import Fluent
import Foundation
import MendCore
import NIOConcurrencyHelpers
import SQLKit

/// The policy and calendar a ticket's clocks run on, with the contract they came from.
struct SlaSettings: Sendable {
    var contractID: UUID?
    var policy: SlaPolicy
    var calendar: BusinessCalendar
    /// `calendar.jsonText`, kept so a replay does not serialize it again.
    var calendarText: String
}

/// Parsed policies, calendars and alert severity tables by their stored text: rows are re-read on every use (so an edit in
/// another process counts at once) but parsed only when their text changes.
final class SlaParseCache: Sendable {
    private let calendars = NIOLockedValueBox<[String: (BusinessCalendar, String)]>([:])
    private let policies = NIOLockedValueBox<[String: SlaPolicy]>([:])
    private let severityTables = NIOLockedValueBox<[String: AlertSeverityTable]>([:])
    private let defaultCalendars = NIOLockedValueBox<[String: (BusinessCalendar, String)]>([:])
    /// Tickets' stored snapshots, parsed, for lists and single tickets.
    let snapshots = SnapshotCache(limit: 8_192)

    /// The alert severity table stored as `text`; the shipped default when the text does not parse.
    func severityTable(_ text: String) -> AlertSeverityTable {
        if let hit = severityTables.withLockedValue({ $0[text] }) { return hit }
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        let table = (try? AlertSeverityTable.parse(object: object)) ?? .standard
        severityTables.withLockedValue { cache in
            if cache.count > 100 { cache.removeAll() }
            cache[text] = table
        }
        return table
    }

    func calendar(_ text: String) throws(ValidationError) -> (BusinessCalendar, String) {
        if let hit = calendars.withLockedValue({ $0[text] }) { return hit }
        let calendar = try BusinessCalendar.parse(json: Data(text.utf8))
        let entry = (calendar, calendar.jsonText)
        calendars.withLockedValue { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[text] = entry
        }
        return entry
    }

    /// The calendar of a contract without one of its own, by coverage and zone: building its text to look it
    /// up by text cost 4% of a ticket creation (a profile under `Benchmarks/ticket-create.sh`).
    func defaultCalendar(coverage: String?, timezone: String) throws(ValidationError) -> (BusinessCalendar, String) {
        let key = "\(coverage ?? "")|\(timezone)"
        if let hit = defaultCalendars.withLockedValue({ $0[key] }) { return hit }
        let entry = try calendar(BusinessCalendar.contractDefault(coverage: coverage, timezone: timezone).jsonText)
        defaultCalendars.withLockedValue { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[key] = entry
        }
        return entry
    }

    func policy(_ text: String) throws(ValidationError) -> SlaPolicy {
        if let hit = policies.withLockedValue({ $0[text] }) { return hit }
        let policy = try SlaPolicy.parse(json: Data(text.utf8))
        policies.withLockedValue { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[text] = policy
        }
        return policy
    }
}

/// Finds the settings of tickets: the ticket's contract, else the company's current one, else the default
/// policy on office hours in the company's time zone.
struct SlaSettingsLoader {
    let db: any Database
    let cache: SlaParseCache

    /// Settings per company for tickets opened `today` (the contract in force that day, latest start first).
    /// Read with raw SQL: this runs for every batch of new tickets, where Fluent's model reflection showed.
    func current(for companyIDs: Set<UUID>, today: LocalDate) async throws -> [UUID: SlaSettings] {
        guard !companyIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            var company_id: UUID
            var timezone: String
            var contract_id: UUID?
            var coverage: String?
            var starts_on: String?
            var ends_on: String?
            var calendar: String?
            var sla_policy_id: UUID?
        }
        // Raw text: SQLKit's select builder and serializer were 2% of the server's CPU at full creation load.
        let rows = try await db.sql.raw(
            """
            SELECT companies.id AS company_id, companies.timezone, contracts.id AS contract_id, contracts.coverage,
            contracts.starts_on, contracts.ends_on, contracts.calendar, contracts.sla_policy_id
            FROM companies LEFT JOIN contracts ON contracts.company_id = companies.id
            WHERE companies.id IN (\(binds: Array(companyIDs)))
            """
        ).all(decoding: Row.self)
        let policies = try await policyRows()
        let day = today.description
        var result: [UUID: SlaSettings] = [:]
        for (company, companyRows) in Dictionary(grouping: rows, by: { (row: Row) in row.company_id }) {
            let inForce = companyRows.filter { row in
                guard let start = row.starts_on else { return false }
                return start <= day && (row.ends_on.map { $0 >= day } ?? true)
            }.max { ($0.starts_on ?? "") < ($1.starts_on ?? "") }
            result[company] = try settings(
                contractID: inForce?.contract_id, coverage: inForce?.coverage, calendar: inForce?.calendar,
                policyID: inForce?.sla_policy_id, timezone: companyRows[0].timezone, policies: policies)
        }
        return result
    }

    /// Settings for one ticket: its own contract if it has one.
    func forTicket(_ ticket: TicketModel, today: LocalDate) async throws -> SlaSettings {
        try await forTicket(contractID: ticket.contractID, companyID: ticket.companyID, today: today)
    }

    /// Settings for a ticket of `companyID` under `contractID`, or under the company's contract in force.
    func forTicket(contractID: UUID?, companyID: UUID, today: LocalDate) async throws -> SlaSettings {
        if let id = contractID, let contract = try await ContractModel.find(id, on: db),
            let company = try await CompanyModel.find(companyID, on: db)
        {
            return try settings(
                contractID: contract.id, coverage: contract.coverage, calendar: contract.calendar,
                policyID: contract.slaPolicyID, timezone: company.timezone, policies: try await policyRows())
        }
        guard let found = try await current(for: [companyID], today: today)[companyID] else {
            throw Problem.notFound("company")
        }
        return found
    }

    private struct PolicyRow: Decodable {
        var id: UUID
        var definition: String
        var is_default: Bool
    }

    private func policyRows() async throws -> [PolicyRow] {
        try await db.sql.raw("SELECT id, definition, is_default FROM sla_policies")
            .all(decoding: PolicyRow.self)
    }

    private func settings(
        contractID: UUID?, coverage: String?, calendar stored: String?, policyID: UUID?, timezone: String,
        policies: [PolicyRow]
    ) throws -> SlaSettings {
        let row = policies.first { $0.id == policyID && policyID != nil } ?? policies.first(where: \.is_default)
        let policy = try row.map { try cache.policy($0.definition) } ?? .standard
        let calendar: BusinessCalendar
        let text: String
        if let stored {
            (calendar, text) = try cache.calendar(stored)
        } else {
            (calendar, text) = try cache.defaultCalendar(coverage: coverage, timezone: timezone)
        }
        return SlaSettings(contractID: contractID, policy: policy, calendar: calendar, calendarText: text)
    }
}
