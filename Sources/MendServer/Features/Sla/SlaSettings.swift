import Fluent
import Foundation
import MendCore
import NIOConcurrencyHelpers

/// The policy and calendar a ticket's clocks run on, with the contract they came from.
struct SlaSettings: Sendable {
    var contractID: UUID?
    var policy: SlaPolicy
    var calendar: BusinessCalendar
    /// `calendar.jsonText`, kept so a replay does not serialize it again.
    var calendarText: String
}

/// Parsed policies and calendars by their stored text: rows are re-read on every write (so an edit in
/// another process counts at once) but parsed only when their text changes.
final class SlaParseCache: Sendable {
    private let calendars = NIOLockedValueBox<[String: (BusinessCalendar, String)]>([:])
    private let policies = NIOLockedValueBox<[String: SlaPolicy]>([:])

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
    func current(for companyIDs: Set<UUID>, today: LocalDate) async throws -> [UUID: SlaSettings] {
        guard !companyIDs.isEmpty else { return [:] }
        let contracts = try await ContractModel.query(on: db).filter(\.$companyID ~~ companyIDs).all()
        let companies = try await CompanyModel.query(on: db).filter(\.$id ~~ companyIDs).all()
        let policies = try await policyRows()
        var result: [UUID: SlaSettings] = [:]
        for company in companies {
            let inForce = contracts.filter { contract in
                contract.companyID == company.id && contract.startsOn <= today.description
                    && (contract.endsOn.map { $0 >= today.description } ?? true)
            }.max { $0.startsOn < $1.startsOn }
            result[company.id!] = try settings(contract: inForce, timezone: company.timezone, policies: policies)
        }
        return result
    }

    /// Settings for one ticket: its own contract if it has one.
    func forTicket(_ ticket: TicketModel, today: LocalDate) async throws -> SlaSettings {
        if let id = ticket.contractID, let contract = try await ContractModel.find(id, on: db),
            let company = try await CompanyModel.find(ticket.companyID, on: db)
        {
            return try settings(contract: contract, timezone: company.timezone, policies: try await policyRows())
        }
        guard let found = try await current(for: [ticket.companyID], today: today)[ticket.companyID] else {
            throw Problem.notFound("company")
        }
        return found
    }

    private func policyRows() async throws -> [SlaPolicyModel] {
        try await SlaPolicyModel.query(on: db).all()
    }

    private func settings(contract: ContractModel?, timezone: String, policies: [SlaPolicyModel]) throws -> SlaSettings {
        let row = policies.first { $0.id == contract?.slaPolicyID } ?? policies.first(where: \.isDefault)
        let policy = try row.map { try cache.policy($0.definition) } ?? .standard
        let calendar: BusinessCalendar
        let text: String
        if let stored = contract?.calendar {
            (calendar, text) = try cache.calendar(stored)
        } else if contract?.coverage == "24x7" {
            (calendar, text) = (.always, BusinessCalendar.always.jsonText)
        } else {
            let office = try BusinessCalendar.officeHours(timezone: TimeZone(identifier: timezone) == nil ? "UTC" : timezone)
            (calendar, text) = try cache.calendar(office.jsonText)
        }
        return SlaSettings(contractID: contract?.id, policy: policy, calendar: calendar, calendarText: text)
    }
}
