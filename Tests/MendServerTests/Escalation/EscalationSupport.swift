import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Helpers shared by the escalation, paging, notification and handoff tests.
extension TestMend {
    /// 2026-11-19 04:00 UTC: 23:00 on a Wednesday in New York, where the fixtures' clients are.
    static let elevenPM = Date(timeIntervalSince1970: 1_795_060_800)

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    func items(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
        try object(response)["items"] as? [[String: Any]] ?? []
    }

    /// One pass of the escalation watch (and the page chains), as the scheduler loop runs it.
    @discardableResult
    func watchTick() async throws -> Int {
        try await TicketWatchScheduler(db: app.db, services: app.mend).tick(now: clock.now())
    }

    /// One pass of the SLA timers.
    @discardableResult
    func slaTick() async throws -> Int {
        try await SlaScheduler(db: app.db, services: app.mend).tick(now: clock.now())
    }

    func events(_ number: String, kind: String) async throws -> [EventModel] {
        let ticket = try await TicketModel.query(on: app.db).filter(\.$number == Int(number.dropFirst(2))!).first()!
        return try await EventModel.query(on: app.db).filter(\.$ticketID == ticket.id!).filter(\.$kind == kind).sort(\.$seq).all()
    }

    /// The notifications `token`'s holder sees now.
    func notificationTitles(_ token: String) async throws -> [String] {
        try items(try await send(.GET, "/api/v1/notifications", as: token)).compactMap { $0["title"] as? String }
    }

    /// Adds an active staff user with an API token.
    func addStaff(_ name: String, role: String) async throws -> (UUID, String) {
        let user = UserModel()
        user.name = name
        user.email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@test.example"
        user.roleKey = role
        user.active = true
        try await user.create(on: app.db)
        let (_, raw) = try await TokenService.create(name: "test", for: user.id!, on: app.db, now: Date())
        return (user.id!, raw)
    }

    /// Gives contract A a calendar open around the clock, so business clocks count at night.
    func openAroundTheClock() async throws {
        let day = #"[["00:00","24:00"]]"#
        let week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { "\"\($0)\":\(day)" }.joined(separator: ",")
        let r = try await send(
            .PUT, "/api/v1/contracts/\(fx.contractA)/sla", as: fx.adminToken,
            json: #"{"calendar":{"timezone":"America/New_York","week":{\#(week)},"holidays":[]}}"#)
        #expect(r.status == .ok, "\(r.body.string)")
    }

    static let p1 = #","impact":"high","urgency":"high""#
}
