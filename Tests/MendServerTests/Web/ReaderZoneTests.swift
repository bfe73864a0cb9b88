import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Times on pages in the reader's zone: a person's own, a client contact's company's, else the MSP's; durations in
/// days past a day; no ISO text before a person.
@Suite("Reader's time zone", .serialized) struct ReaderZoneTests {
    let web = WebTests()
    /// 2026-01-15 14:30 UTC: winter, so New York is UTC-5 (EST) and Berlin UTC+1.
    let instant = Date(timeIntervalSince1970: 1_768_487_400)

    @Test func timesAreShownInTheReadersZoneWithItsName() async throws {
        #expect(WebFormat.time(instant) == "2026-01-15 14:30 UTC")
        let newYork = try #require(WebFormat.Zone("America/New_York"))
        WebFormat.$zone.withValue(newYork) {
            #expect(WebFormat.time(instant) == "2026-01-15 09:30 EST")
            #expect(
                WebFormat.readable("Handoff: on it (ETA 2026-01-15T14:30:00Z), then 2026-01-15T16:00:00Z")
                    == "Handoff: on it (ETA 2026-01-15 09:30 EST), then 2026-01-15 11:00 EST")
        }
        let summer = instant.addingTimeInterval(180 * 86_400)
        WebFormat.$zone.withValue(newYork) { #expect(WebFormat.time(summer).hasSuffix(" EDT")) }
    }

    @Test func durationsPastADayReadInDaysAndHours() {
        #expect(WebFormat.minutes(45) == "45 min")
        #expect(WebFormat.minutes(200) == "3 h 20 min")
        #expect(WebFormat.minutes(1_375 * 60 + 32) == "57 d 7 h")
        #expect(WebFormat.minutes(1_440) == "1 d 0 h")
    }

    @Test func aPersonChoosesTheirZoneOnTheProfilePageAndThroughTheAPI() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            let before = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(before.contains(" UTC") && !before.contains(" EST"))
            let refused = try await web.refusal(
                m, "/profile", session, ["_form": "profile", "timeZone": "Mars/Olympus"], backTo: "/profile")
            #expect(refused.contains("timeZone") && refused.contains("not a known IANA time zone"))
            let saved = try await web.form(
                m, .POST, "/profile", cookie: session.cookie, ["_csrf": session.csrf, "timeZone": "America/New_York"])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/profile?saved=1")
            let after = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(after.contains(" EST") || after.contains(" EDT"))
            // The SLA clocks count the contract's business hours, and their due times read in the reader's zone too.
            let berlin = try await web.form(
                m, .POST, "/profile", cookie: session.cookie, ["_csrf": session.csrf, "timeZone": "Europe/Berlin"])
            #expect(berlin.status == .seeOther)
            let clocks = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(clocks.contains("America/New_York calendar") && clocks.contains(" CET"))
            // (The status update's draft is the client's mail, so it alone keeps the client's zone.)
            let inClientZone = clocks.range(of: #"\d{2}:\d{2} America/New_York</td>"#, options: .regularExpression)
            #expect(inClientZone == nil, "\(inClientZone.map { String(clocks[$0.lowerBound...].prefix(200)) } ?? "")")

            let me = try await m.send(.PATCH, "/api/v1/users/me", as: m.fx.engineerToken, json: #"{"timeZone":"Europe/Berlin"}"#)
            #expect(me.status == .ok)
            #expect(me.body.string.contains("Europe/Berlin") || me.body.string.contains(#"Europe\/Berlin"#))
            let bad = try await m.send(.PATCH, "/api/v1/users/me", as: m.fx.engineerToken, json: #"{"timeZone":"GMT+5"}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("timeZone"))
            // Empty is not a zone on the API (null is the default); Schemathesis ST201 found "" taken as null.
            let empty = try await m.send(.PATCH, "/api/v1/users/me", as: m.fx.engineerToken, json: #"{"timeZone":""}"#)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("timeZone"))
            let reset = try await m.send(.PATCH, "/api/v1/users/me", as: m.fx.engineerToken, json: #"{"timeZone":null}"#)
            #expect(reset.status == .ok && reset.body.string.contains("UTC"))
            #expect(try await UserModel.find(m.fx.engineer, on: m.app.db)?.timeZone == nil)
        }
    }

    @Test func aClientContactReadsTimesInItsCompanysZone() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            let client = try await web.signIn(m, email: "carl.client@test.example")
            let page = try await web.page(m, "/tickets/\(n)", client).body.string
            #expect(page.contains("America/New_York") && !page.contains(" UTC"))
            // The service review keeps its month's days in the MSP's zone, and shows each time in the reader's.
            let month = String(UTCText.format(m.clock.now()).prefix(7))
            let review = try await web.page(m, "/reports/clients/\(m.fx.companyA.uuidString)?month=\(month)", client).body
                .string
            #expect(review.contains("T-") && (review.contains(" EST") || review.contains(" EDT")))
            #expect(review.range(of: #"\d{2}:\d{2} UTC"#, options: .regularExpression) == nil)
            let me = try await m.send(.GET, "/api/v1/users/me", as: m.fx.clientAToken)
            #expect(me.body.string.contains("America"))
        }
    }
}
