import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// A migrated Mend on an isolated database with fixtures, a controlled clock and request helpers.
struct TestMend {
    let app: Application
    let clock: ManualClock
    let fx: Fixtures
    /// Points another application at this test's database, as a second `mend serve` process would be.
    let attachDatabase: @Sendable (Application) async throws -> Void

    static let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC

    /// Sends a request as the holder of `token` (nil: anonymous) with an optional raw JSON body.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, as token: String? = nil, json: String? = nil, headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var all = headers
        if let token { all.replaceOrAdd(name: .authorization, value: "Bearer \(token)") }
        var body: ByteBuffer?
        if let json {
            if all.contentType == nil { all.contentType = .json }
            body = ByteBuffer(string: json)
        }
        return try await app.testing().sendRequest(method, path, headers: all, body: body)
    }

    /// Sends an Encodable body as JSON.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, as token: String?, body: some Encodable, headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(body), as: UTF8.self)
        return try await send(method, path, as: token, json: json, headers: headers)
    }

    /// Opens a ticket as the engineer and returns its number.
    func openTicket(summary: String = "VPN down at head office", company: UUID? = nil, extra: String = "") async throws -> String
    {
        let json = #"{"summary":"\#(summary)","companyID":"\#(company ?? fx.companyA)"\#(extra)}"#
        let response = try await send(.POST, "/api/v1/tickets", as: fx.engineerToken, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(TicketDTO.self).number
    }

    /// Meets the exit gates (a confirmed verification, time logged) and escalates the ticket out to a carrier.
    func escalateOut(_ number: String) async throws {
        try await send(
            .POST, "/api/v1/tickets/\(number)/verifications", as: fx.engineerToken,
            json: #"{"channel":"phone","outcome":"confirmed"}"#)
        try await send(
            .POST, "/api/v1/tickets/\(number)/time-entries", as: fx.engineerToken,
            json: #"{"minutes":30,"workType":"diagnosis"}"#)
        let escalated = try await send(
            .POST, "/api/v1/tickets/\(number)/transitions", as: fx.engineerToken,
            json:
                #"{"to":"escalated_out","exitParty":"Carrier NOC","exitReference":"LMN-1","resolutionNote":"The carrier is repairing the circuit."}"#
        )
        #expect(escalated.status == .ok, "\(escalated.body.string)")
    }

    func ticket(_ number: String, as token: String? = nil) async throws -> TicketDTO {
        try await send(.GET, "/api/v1/tickets/\(number)", as: token ?? fx.adminToken).content.decode(TicketDTO.self)
    }

    func eventCount(_ number: String) async throws -> Int {
        let ticket = try await TicketModel.query(on: app.db).filter(\.$number == Int(number.dropFirst(2))!).first()!
        return try await EventModel.query(on: app.db).filter(\.$ticketID == ticket.id!).count()
    }
}

/// Runs `body` against a fresh Mend on the suite's database (SQLite, or PostgreSQL when configured).
func withMend(config: MendConfig = MendConfig(), _ body: (TestMend) async throws -> Void) async throws {
    let database = try await IsolatedDatabase.make()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let clock = ManualClock(TestMend.start)
    do {
        let services = MendServices(
            config: config, clock: clock,
            gate: WriteGate(serialize: database.serializeWrites, sqliteSynchronous: database.serializeWrites ? "NORMAL" : nil))
        try await configure(app, services: services, database: database.configure)
        try await prepareDatabase(app)
        let fixtures = try await Fixtures.create(on: app)
        try await body(TestMend(app: app, clock: clock, fx: fixtures, attachDatabase: database.configure))
    } catch {
        try? await app.asyncShutdown()
        try? await database.cleanup()
        throw error
    }
    try await app.asyncShutdown()
    try await database.cleanup()
}

/// Skips a PostgreSQL-only test with one clear line, except under CI where nothing may be skipped.
func requirePostgres(_ name: String) -> Bool {
    if TestDatabase.isPostgres { return true }
    if TestDatabase.mustNotSkip {
        Issue.record("\(name) needs PostgreSQL: set MEND_TEST_POSTGRES_URL (CI=true forbids skipping)")
    } else {
        print("SKIPPED \(name): needs PostgreSQL; set MEND_TEST_POSTGRES_URL=postgres://... to run it")
    }
    return false
}

/// A second application on the same database, sharing nothing in memory with the first.
func withSecondProcess(of m: TestMend, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        let services = MendServices(config: MendConfig(), clock: m.clock, gate: WriteGate(serialize: !TestDatabase.isPostgres))
        try await configure(app, services: services, database: m.attachDatabase)
        try await prepareDatabase(app)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A decoded ticket as clients of the API see it.
struct TicketDTO: Decodable {
    var id: UUID
    var number: String
    var summary: String
    var description: String
    var status: String
    var priority: String
    var impact: String
    var urgency: String
    var source: String
    var version: Int
    var assigneeID: UUID?
    var companyID: UUID
    var queueID: UUID?
    var minutesLogged: Int
    var reopenCount: Int
    var restoredTested: Bool
    var verificationAttempted: Bool
    var clientInformed: Bool
    var resolution: String?
    var exitParty: String?
    var sla: SlaDTO?

    /// The clock of this kind; fails the test when the ticket has none.
    func clock(_ kind: String) throws -> SlaClockDTO {
        try #require(sla?.clocks.first { $0.clock == kind }, "no \(kind) clock")
    }
}

struct SlaDTO: Decodable {
    var policy: String
    var timezone: String
    var clocks: [SlaClockDTO]
    var atRisk: Bool
    var breached: Bool
}

struct SlaClockDTO: Decodable {
    var clock: String
    var state: String
    var dueAt: Date?
    var leftSeconds: Int
    var percentElapsed: Int
    var misses: Int
}

struct ProblemDTO: Decodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var field: String?
    var gates: [Gate]?
    var allowed: [String]?
    var errors: [FieldError]?

    struct Gate: Decodable { var gate: String; var detail: String }
    struct FieldError: Decodable { var field: String; var message: String }
}

extension TestingHTTPResponse {
    var problem: ProblemDTO? {
        guard headers.contentType?.subType == "problem+json" else { return nil }
        return try? content.decode(ProblemDTO.self, using: JSONDecoder())
    }
}

extension TestMend {
    /// A smaller demo (80 open tickets, 160 of the past year) with its KPI facts: what the report tests add up.
    func seedKpiDemo() async throws {
        var seeder = DemoSeeder(db: app.db, services: app.mend)
        seeder.ticketCount = 80
        seeder.historyCount = 160
        _ = try await seeder.run(force: true)
    }
}

extension TestMend {
    /// A year (2025-11-19 to 2026-11-18) and a month (October 2026) of the KPI demo in `zone`, each with no cut and
    /// with each cut a stored facts row gives: priority P2, its queue, its type, the Tier 1 channel, and its client
    /// and resolving engineer when `byClientAndEngineer`.
    func kpiCutQueries(zone: BusinessCalendar, byClientAndEngineer: Bool) async throws -> [KpiQuery] {
        struct Facts: Decodable {
            var company_id: UUID
            var queue_id: UUID
            var resolved_by: UUID
            var type: String
        }
        let one = try #require(
            try await app.db.sql.raw(
                """
                SELECT company_id, queue_id, resolved_by, type FROM ticket_kpi_facts
                WHERE resolved_by IS NOT NULL AND queue_id IS NOT NULL AND type IS NOT NULL
                """
            ).first(decoding: Facts.self))
        var queries: [KpiQuery] = []
        for (from, to) in [("2025-11-19", "2026-11-18"), ("2026-10-01", "2026-10-31")] {
            let period = KpiPeriod(from: LocalDate(from)!, to: LocalDate(to)!, zone: zone)
            let base = KpiQuery(period: period, previous: period.previous(zone: zone))
            var cuts: [(inout KpiQuery) -> Void] = [{ $0.priority = .p2 }, { $0.queueID = one.queue_id }]
            if byClientAndEngineer {
                cuts.insert({ $0.companyID = one.company_id }, at: 0)
                cuts.append({ $0.engineerID = one.resolved_by })
            }
            cuts += [{ $0.type = one.type }, { $0.channel = TicketSource.tier1Escalation.kpiChannel }]
            queries.append(base)
            for cut in cuts {
                var query = base
                cut(&query)
                queries.append(query)
            }
        }
        return queries
    }
}
