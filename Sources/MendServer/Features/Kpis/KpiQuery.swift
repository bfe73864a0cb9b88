import Fluent
import Foundation
import MendCore
import Vapor

/// The period and cuts of a KPI answer (docs/kpis.md), read from the query string: every bad value, unknown id and
/// unknown parameter named in one 422.
struct KpiQuery: Sendable {
    var period: KpiPeriod
    var previous: KpiPeriod
    var companyID: UUID?
    var priority: Priority?
    var queueID: UUID?
    /// The engineer who resolved the ticket or was first assigned it.
    var engineerID: UUID?
    var type: String?
    /// A `TicketSource.kpiChannel`.
    var channel: String?

    static let names: Set<String> = ["from", "to", "company", "priority", "queue", "engineer", "type", "source"]

    /// Reads and checks the query for `viewer`: a service manager or admin sees every cut; an engineer sees their
    /// own scorecard (their `engineer` cut is theirs by default, anyone else's is 403); a client is told nothing.
    /// `extra` names parameters a page reads itself (a drill, a trend unit): they are let through unread.
    static func parse(
        _ query: String, viewer: Principal, zone: BusinessCalendar, now: Date, extra: Set<String> = [],
        on db: any Database
    ) async throws -> KpiQuery {
        try viewer.requireStaff("report")
        var check = FieldChecker()
        var values: [String: String] = [:]
        for item in URLComponents(string: "?" + query)?.queryItems ?? [] {
            if extra.contains(item.name) {
                continue
            } else if !names.contains(item.name) {
                check.add(item.name, "is not a parameter of this report; known: " + names.sorted().joined(separator: ", "))
            } else if values[item.name] != nil {
                check.add(item.name, "must be given once")
            } else {
                values[item.name] = item.value ?? ""
            }
        }
        func id(_ name: String, _ what: String) -> UUID? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else {
                check.add(name, "must be \(what) id")
                return nil
            }
            return id
        }
        let companyID = id("company", "a company")
        let queueID = id("queue", "a queue")
        var engineerID = id("engineer", "a user")
        var priority: Priority?
        if let text = values["priority"], !text.isEmpty {
            priority = Priority(rawValue: text)
            if priority == nil { check.add("priority", "must be one of: p1, p2, p3, p4") }
        }
        let type = values["type"].flatMap { $0.isEmpty ? nil : $0 }
        check.length(type, "type", max: 100)
        if type?.contains("\0") == true { check.add("type", "must not contain NUL") }
        let channel = values["source"].flatMap { $0.isEmpty ? nil : $0 }
        if let channel, !TicketSource.kpiChannels.contains(channel) {
            check.add("source", "must be one of: " + TicketSource.kpiChannels.joined(separator: ", "))
        }
        var period: KpiPeriod?
        switch KpiPeriod.parse(from: values["from"], to: values["to"], zone: zone, now: now) {
        case .success(let parsed): period = parsed
        case .failure(let error): for problem in error.problems { check.add(problem.field, problem.message) }
        }
        if let companyID, try await CompanyModel.find(companyID, on: db) == nil {
            check.add("company", "is not a known company")
        }
        if let queueID, try await QueueModel.find(queueID, on: db) == nil { check.add("queue", "is not a known queue") }
        if let engineerID, try await UserModel.find(engineerID, on: db) == nil {
            check.add("engineer", "is not a known user")
        }
        try check.check()
        if !viewer.can(.reportsRead) {
            guard engineerID == nil || engineerID == viewer.userID else { throw Problem.forbidden(.reportsRead) }
            engineerID = viewer.userID
        }
        guard let period else { throw Problem.invalid("from", "must be a date as YYYY-MM-DD") }
        return KpiQuery(
            period: period, previous: period.previous(zone: zone), companyID: companyID, priority: priority,
            queueID: queueID, engineerID: engineerID, type: type, channel: channel)
    }
}
