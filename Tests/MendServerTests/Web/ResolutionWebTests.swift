import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The resolution panels and pages at the HTTP level: forms post and come back to the ticket, refusals are
/// explained on the page, clients never see the backstage paths.
@Suite("Resolution pages", .serialized) struct ResolutionWebTests {
    let web = WebTests()

    @Test func pathFormsPostAndRefusalsAreExplainedOnThePage() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            let show = try await web.page(m, "/tickets/\(n)", session).body.string
            for panel in [
                "id=\"diagnosis\"", "id=\"parts\"", "id=\"visits\"", "id=\"consults\"", "id=\"vendor-cases\"", "id=\"exit\"",
            ] {
                #expect(show.contains(panel), "\(panel)")
            }
            let step = try await web.form(
                m, .POST, "/tickets/\(n)/diagnosis", cookie: session.cookie,
                ["_csrf": session.csrf, "step": "Checked the tunnel", "minutes": "10"])
            #expect(step.status == .seeOther)
            #expect(try await m.ticket(n).minutesLogged == 10)
            let backwards = try await web.refusal(
                m, "/tickets/\(n)/visits", session,
                [
                    "_form": "visit", "engineerID": m.fx.engineer.uuidString, "startsAt": "2026-12-01T11:00",
                    "endsAt": "2026-12-01T09:00", "note": "Bring the spare PSU",
                ], backTo: "/tickets/\(n)")
            #expect(backwards.contains("endsAt") && backwards.contains("must be after startsAt"))
            #expect(backwards.contains("value=\"Bring the spare PSU\""), "the refused visit keeps its note")
            #expect(backwards.contains("value=\"2026-12-01T09:00\""), "and the times as typed")
            let badTime = try await web.refusal(
                m, "/tickets/\(n)/visits", session,
                ["_form": "visit", "engineerID": m.fx.engineer.uuidString, "startsAt": "tomorrow", "endsAt": ""],
                backTo: "/tickets/\(n)")
            #expect(badTime.contains("startsAt"))
            #expect(try await AppointmentModel.query(on: m.app.db).count() == 0)
            let part = try await web.form(
                m, .POST, "/tickets/\(n)/parts", cookie: session.cookie,
                ["_csrf": session.csrf, "item": "PSU", "quantity": "1"])
            #expect(part.status == .seeOther)
            #expect(try await m.ticket(n).status == "waiting_on_parts")
        }
    }

    @Test func boardVendorsAndSettingsPagesRenderAndClientsSeeNoPaths() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            for path in ["/dispatch", "/dispatch?date=2026-12-01", "/vendors", "/settings/resolution"] {
                #expect(try await web.page(m, path, session).status == .ok, "\(path)")
            }
            let client = try await web.signIn(m, email: "carl.client@test.example")
            let show = try await web.page(m, "/tickets/\(n)", client).body.string
            #expect(!show.contains("id=\"diagnosis\"") && !show.contains("id=\"vendor-cases\""))
            #expect(try await web.page(m, "/dispatch", client).status == .notFound)
            #expect(try await web.page(m, "/vendors", client).status == .notFound)
        }
    }
}
