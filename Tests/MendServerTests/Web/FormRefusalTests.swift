import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// A refused form goes back to its own page (post, redirect, get) with what was typed and the problem, once.
@Suite("Form refusals", .serialized) struct FormRefusalTests {
    let web = WebTests()

    @Test func aRefusedTicketFormComesBackWithWhatWasTypedOnce() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            let html = try await web.refusal(
                m, "/tickets/\(n)/time", session,
                ["_form": "time", "minutes": "5000", "workType": "remediation", "note": "Rebooted the core switch"],
                backTo: "/tickets/\(n)")
            let timeForm = try #require(Self.form("time", in: html))
            #expect(timeForm.contains("id=\"error\""), "the problem stands in the refused form")
            #expect(timeForm.contains("value=\"Rebooted the core switch\""))
            #expect(timeForm.contains("value=\"5000\""))
            #expect(timeForm.contains("<option value=\"remediation\" selected>"))
            #expect(timeForm.contains("class=\"field-problem\"") && timeForm.contains("must be between 1 and 1440"))
            #expect(!timeForm.contains("name=\"billable\" value=\"on\" checked"), "an unticked box stays unticked")
            let noteForm = try #require(Self.form("note", in: html))
            #expect(!noteForm.contains("Rebooted the core switch"), "no other form takes the typed values")
            #expect(try await TimeEntryModel.query(on: m.app.db).count() == 0)
            let again = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(!again.contains("id=\"error\"") && !again.contains("Rebooted the core switch"), "a reload starts afresh")
        }
    }

    @Test func aRefusalWaitsForItsOwnPage() async throws {
        try await withMend { m in
            let first = try await m.openTicket()
            let second = try await m.openTicket(summary: "Printer offline")
            let session = try await web.signIn(m)
            let refused = try await web.form(
                m, .POST, "/tickets/\(first)/transition", cookie: session.cookie,
                ["_csrf": session.csrf, "_form": "transition", "to": "closed", "resolutionNote": "Swapped the PSU"])
            #expect(refused.status == .seeOther)
            let other = try await web.page(m, "/tickets/\(second)", session).body.string
            #expect(!other.contains("id=\"error\"") && !other.contains("Swapped the PSU"))
            let own = try await web.page(m, "/tickets/\(first)", session).body.string
            let form = try #require(Self.form("transition", in: own))
            #expect(form.contains("id=\"error\"") && form.contains(">Swapped the PSU</textarea>"))
        }
    }

    @Test func aRowFormKeepsItsValuesInItsOwnRowOnly() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            for item in ["PSU", "Fan"] {
                let part = try await web.form(
                    m, .POST, "/tickets/\(n)/parts", cookie: session.cookie,
                    ["_csrf": session.csrf, "item": item, "quantity": "1"])
                #expect(part.status == .seeOther)
            }
            let parts = try await PartRequestModel.query(on: m.app.db).sort(\.$item).all()
            let fan = try #require(parts.first?.id?.uuidString)
            let html = try await web.refusal(
                m, "/tickets/\(n)/parts/\(fan)", session,
                ["_form": "partMove", "_row": fan, "state": "teleported", "carrier": "DHL", "trackingNumber": "JD0001"],
                backTo: "/tickets/\(n)")
            #expect(html.components(separatedBy: "value=\"JD0001\"").count == 2, "only the refused row shows its values")
            let row = try #require(html.range(of: "/parts/\(fan)\"").map { String(html[$0.lowerBound...].prefix(1_500)) })
            #expect(row.contains("id=\"error\"") && row.contains("value=\"JD0001\""))
        }
    }

    @Test func aRefusedNewTicketKeepsEveryFieldAndItsTier1Section() async throws {
        try await withMend { m in
            let session = try await web.signIn(m)
            let refused = try await web.form(
                m, .POST, "/tickets", cookie: session.cookie,
                [
                    "_csrf": session.csrf, "_form": "ticket", "summary": "", "description": "Phones dead since 9",
                    "companyID": m.fx.companyA.uuidString, "impact": "high", "urgency": "high", "source": "phone",
                    "tier1Reference": "T1-4471", "tier1Steps": "Rebooted the PBX\nChecked the trunk",
                    "tier1Findings": "No dial tone",
                ])
            #expect(refused.status == .seeOther)
            #expect(refused.headers.first(name: .location) == "/tickets/new#error")
            let html = try await web.page(m, "/tickets/new", session).body.string
            #expect(html.contains("id=\"error\"") && html.contains("id=\"summary-problem\""))
            #expect(html.contains(">Phones dead since 9</textarea>"))
            #expect(html.contains("value=\"T1-4471\""))
            #expect(html.contains(">Rebooted the PBX\nChecked the trunk</textarea>"))
            #expect(html.contains(">No dial tone</textarea>"))
            #expect(html.contains("<option value=\"high\" selected>High</option>"))
            #expect(try await TicketModel.query(on: m.app.db).count() == 0)
        }
    }

    @Test func aRefusedSettingsFormGoesBackToItsPageWithWhatWasTyped() async throws {
        try await withMend { m in
            let session = try await web.signIn(m, email: "ada.admin@test.example")
            let html = try await web.refusal(
                m, "/settings/timebox", session, ["_form": "timebox", "p1": "2", "p2": "90", "p3": "120", "p4": "240"],
                backTo: "/settings/resolution")
            let form = try #require(Self.form("timebox-form", in: html))
            #expect(form.contains("id=\"error\"") && form.contains("value=\"2\""))
            let checklist = try await web.refusal(
                m, "/settings/checklists", session, ["_form": "checklist", "ticketType": "", "items": "Check the WAN link"],
                backTo: "/settings/resolution")
            let created = try #require(Self.form("checklist-form", in: checklist))
            #expect(created.contains("id=\"error\"") && created.contains(">Check the WAN link</textarea>"))
            #expect(!created.contains("value=\"2\""))
        }
    }

    @Test func formFieldsAreReadAsTheBrowserSentThem() {
        let fields = FormFields.parse("note=Rebooted+the%20switch%21&done%5B%5D=1&done%5B%5D=3&empty=&=orphan&flag")
        #expect(fields["note"] == "Rebooted the switch!")
        #expect(fields["done[]"] == "1\n3")
        #expect(fields["empty"] == "" && fields["flag"] == "")
        #expect(fields.count == 4)
        #expect(FormFields.parse("%zz=1&a=%ff").isEmpty || FormFields.parse("%zz=1&a=%ff")["a"] == "")
    }

    /// The HTML of the form with `id` on a page.
    static func form(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\">") ?? html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</form>") else { return nil }
        return String(rest[..<end.upperBound])
    }
}
