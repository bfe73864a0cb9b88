import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

@Suite("Demo data and configuration", .serialized) struct DemoAndConfigTests {
    @Test func demoFillsEveryStatusAndRefusesANonEmptyDatabase() async throws {
        try await withMend { m in
            let seeder = DemoSeeder(db: m.app.db, services: m.app.mend)
            guard case .refusedNotEmpty = try await seeder.run(force: false) else {
                Issue.record("the fixtures make the database non-empty, so demo must refuse")
                return
            }
            guard case let .seeded(count) = try await seeder.run(force: true) else { Issue.record("force must seed"); return }
            #expect(count == 300 + 540)
            let tickets = try await TicketModel.query(on: m.app.db).all()
            #expect(tickets.count == 840)
            let now = m.clock.now()
            let recent = tickets.filter { now.timeIntervalSince($0.createdAt) <= 60 * 86_400 }
            #expect(recent.count >= 300)
            #expect(Set(recent.map(\.status)) == Set(TicketStatus.allCases.map(\.rawValue)))
            let oldest = tickets.map(\.createdAt).min()!
            #expect(now.timeIntervalSince(oldest) > 300 * 86_400, "history spreads over the past year")
            #expect(now.timeIntervalSince(oldest) <= 366 * 86_400)
            // The past year has the paths the reports count: reopens, reassignments, waits, surveys answered.
            let kinds = try await EventModel.query(on: m.app.db).all().map(\.kind)
            #expect(kinds.filter { $0 == "reopened" }.count > 10)
            let surveys = try await SurveyModel.query(on: m.app.db).all()
            #expect(surveys.count > 200 && surveys.filter { $0.rating != nil }.count > 100)
            #expect(Set(surveys.compactMap(\.rating)) == [1, 2, 3, 4, 5])
            let roles = Set(try await UserModel.query(on: m.app.db).all().map(\.roleKey))
            #expect(roles.isSuperset(of: RoleDefinition.defaults.map(\.key)))
            #expect(try await CompanyModel.query(on: m.app.db).count() >= 3 + 2)
            #expect(try await QueueModel.query(on: m.app.db).count() >= 3)
            #expect(try await TimeEntryModel.query(on: m.app.db).count() > 200)
            #expect(try await NoteModel.query(on: m.app.db).count() > 200)
            for ticket in tickets where TicketStatus(rawValue: ticket.status).map({ !$0.isOpen }) == true {
                let facts = ExitFacts(
                    restoredAndTested: ticket.restoredTested, exitPathRecorded: ticket.exitParty != nil,
                    verificationAttempted: ticket.verificationAttempted, clientInformed: ticket.clientInformed,
                    hasResolutionNote: ticket.resolution != nil, minutesLogged: ticket.minutesLogged)
                let target = TicketStatus(rawValue: ticket.status)!
                #expect(
                    ExitGates.unmet(for: target, facts: facts).isEmpty,
                    "demo ticket \(ticket.number) in \(target) breaks its exit gates")
            }
            let page = try await m.send(.GET, "/api/v1/tickets?limit=200", as: m.fx.adminToken)
            #expect(page.status == .ok)
        }
    }

    @Test func configurationIsCheckedOnceWithEveryProblemListed() throws {
        let good = try MendConfig.from(environment: [
            "MEND_DATABASE_URL": "postgres://u:p@localhost/mend", "MEND_REOPEN_WINDOW_HOURS": "48",
        ])
        #expect(good.database == .postgres(url: "postgres://u:p@localhost/mend"))
        #expect(good.reopenWindowSeconds == 48 * 3600)
        #expect(try MendConfig.from(environment: ["MEND_SCHEDULER_INTERVAL_MS": "250"]).schedulerIntervalMilliseconds == 250)
        #expect(try MendConfig.from(environment: [:]).database == .sqlite(path: "mend.sqlite"))
        #expect(
            try MendConfig.from(environment: ["MEND_DATABASE_URL": "sqlite:///var/lib/mend.sqlite"]).database
                == .sqlite(path: "/var/lib/mend.sqlite"))
        do {
            _ = try MendConfig.from(environment: [
                "MEND_DATABASE_URL": "mysql://x", "MEND_REOPEN_WINDOW_HOURS": "soon", "MEND_SECURE_COOKIES": "maybe",
                "MEND_SCHEDULER_INTERVAL_MS": "-1",
            ])
            Issue.record("bad configuration must be refused")
        } catch let error as ConfigError {
            #expect(error.problems.count == 4)
            #expect(error.description.contains("MEND_SCHEDULER_INTERVAL_MS"))
            #expect(error.description.contains("MEND_DATABASE_URL"))
            #expect(error.description.contains("MEND_REOPEN_WINDOW_HOURS"))
        }
    }
}
