import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The ticket page's status update: written to the client in the client's words and zone, offered only while the
/// ticket is with Tier 2.
@Suite struct StatusUpdateOfferTests {
    let web = WebTests()

    @Test func theDraftSpeaksToTheClientAndIsOfferedOnlyWhileTier2HasTheTicket() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","contactID":"\#(m.fx.contactA)""#)
            try await m.send(.POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#)
            let session = try await web.signIn(m)
            let open = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(open.contains("id=\"update-form\""))
            #expect(open.contains("Being worked on: An engineer is working on it.") && !open.contains("(in progress)"))
            try await m.escalateOut(n)
            let exited = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(!exited.contains("id=\"update-form\"") && exited.contains("id=\"no-update\""))
        }
    }

    @Test func aTicketWithoutAContactSaysSoRatherThanBlamingAnEmailAddress() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let session = try await web.signIn(m)
            let page = try await web.page(m, "/tickets/\(n)", session).body.string
            #expect(page.contains("The ticket has no client contact") && !page.contains("contact has no email address"))
        }
    }
}
