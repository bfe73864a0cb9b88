import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The client portal's pages: the company's tickets in the client's words, "my tickets" by contact, and the
/// questions put to the client, each asked until answered.
@Suite struct PortalPageTests {
    let web = WebTests()

    @Test func aClientSeesItsCompanysTicketsInItsOwnWordsAndItsOwnByContact() async throws {
        try await withMend { m in
            let mine = try await m.openTicket(summary: "Printer jams", extra: #","contactID":"\#(m.fx.contactA)""#)
            let colleagues = try await m.openTicket(summary: "Phones dead")
            _ = try await m.openTicket(summary: "Beta VPN down", company: m.fx.companyB)
            let client = try await web.signIn(m, email: "carl.client@test.example")
            let list = try await web.page(m, "/tickets", client).body.string
            #expect(list.contains(mine) && list.contains(colleagues) && !list.contains("Beta VPN down"))
            #expect(list.contains(">Received</span>") && !list.contains(">New</span>"))
            for staffOnly in ["name=\"assignee\"", "name=\"queue\"", "Pull next", "Eli Engineer", "NOC"] {
                #expect(!list.contains(staffOnly), "\(staffOnly)")
            }
            let own = try await web.page(m, "/tickets?mine=1&view=all", client).body.string
            #expect(own.contains(mine) && !own.contains(colleagues))
            let page = try await web.page(m, "/tickets/\(mine)", client).body.string
            #expect(page.contains("id=\"explanation\"") && !page.contains("version") && !page.contains("Backstage"))
        }
    }

    @Test func theAPIListsTheTicketsAContactRaised() async throws {
        try await withMend { m in
            let mine = try await m.openTicket(summary: "Printer jams", extra: #","contactID":"\#(m.fx.contactA)""#)
            _ = try await m.openTicket(summary: "Phones dead")
            func numbers(_ query: String, as token: String) async throws -> [String] {
                let r = try await m.send(.GET, "/api/v1/tickets?\(query)", as: token)
                #expect(r.status == .ok, "\(r.body.string)")
                let items = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]
                return (items?["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
            }
            #expect(try await numbers("contact=me", as: m.fx.clientAToken) == [mine])
            #expect(try await numbers("contact=\(m.fx.contactA)", as: m.fx.engineerToken) == [mine])
            #expect(try await numbers("contact=me", as: m.fx.engineerToken).isEmpty, "staff are nobody's contact")
            let bad = try await m.send(.GET, "/api/v1/tickets?contact=dana", as: m.fx.engineerToken)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("contact"))
        }
    }

    @Test func theRestoredQuestionIsAskedUntilTheClientAnswersIt() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.send(.POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/restoration", as: m.fx.engineerToken,
                json: #"{"test":"VPN up","result":"passed"}"#)
            let client = try await web.signIn(m, email: "carl.client@test.example")
            let asked = try await web.page(m, "/tickets/\(n)", client).body.string
            #expect(asked.contains("id=\"confirm_restored\"") && asked.contains("Please confirm service is restored"))
            let answer = try await web.form(
                m, .POST, "/tickets/\(n)/confirmation", cookie: client.cookie,
                ["_csrf": client.csrf, "_form": "confirmation", "works": "yes"])
            #expect(answer.status == .seeOther)
            #expect(try await m.ticket(n).status == "restored", "staff still resolve it")
            let after = try await web.page(m, "/tickets/\(n)", client).body.string
            #expect(!after.contains("id=\"confirm_restored\"") && !after.contains("id=\"open-actions\""))
        }
    }
}
