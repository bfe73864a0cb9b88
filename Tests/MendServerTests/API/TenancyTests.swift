import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

@Suite("Tenancy and roles", .serialized) struct TenancyTests {
    /// Every ticket-scoped route, with a body that would be valid for the owner.
    static let ticketRoutes: [(HTTPMethod, String, String?)] = [
        (.GET, "", nil),
        (.PATCH, "", #"{"summary":"Hijacked"}"#),
        (.GET, "/transitions", nil),
        (.POST, "/transitions", #"{"to":"in_progress"}"#),
        (.GET, "/notes", nil),
        (.POST, "/notes", #"{"body":"hello","visibility":"onstage"}"#),
        (.GET, "/time-entries", nil),
        (.POST, "/time-entries", #"{"minutes":5,"workType":"diagnosis"}"#),
        (.GET, "/events", nil),
        (.POST, "/restoration", #"{"test":"x","result":"passed"}"#),
        (.GET, "/verifications", nil),
        (.POST, "/verifications", #"{"channel":"phone","outcome":"confirmed"}"#),
        (.GET, "/handoff", nil),
        (.PUT, "/handoff", #"{"expectation":"Back by noon","eta":"2099-01-01T12:00:00Z"}"#),
        (.POST, "/escalations", #"{"kind":"hierarchical","reason":"Client unhappy"}"#),
        (.GET, "/diagnosis", nil),
        (.POST, "/diagnosis", #"{"step":"Pinged the gateway","minutes":5}"#),
        (.PUT, "/checklist", #"{"done":[0]}"#),
        (.GET, "/parts", nil),
        (.POST, "/parts", #"{"item":"PSU","quantity":1}"#),
        (.PATCH, "/parts/:partID", #"{"state":"ordered"}"#),
        (.GET, "/visits", nil),
        (
            .POST, "/visits",
            #"{"engineerID":"00000000-0000-0000-0000-000000000001","startsAt":"2099-01-01T09:00:00Z","endsAt":"2099-01-01T10:00:00Z"}"#
        ),
        (.PATCH, "/visits/:visitID", #"{"startsAt":"2026-12-01T09:00:00Z"}"#),
        (.POST, "/visits/:visitID/check-in", #"{"travelMinutes":10}"#),
        (.POST, "/visits/:visitID/check-out", #"{"travelMinutes":10}"#),
        (.POST, "/visits/:visitID/cancel", nil),
        (.GET, "/consults", nil),
        (.POST, "/consults", #"{"question":"Why?","toQueueID":"00000000-0000-0000-0000-000000000001"}"#),
        (.POST, "/consults/:consultID/answer", #"{"answer":"Because","outcome":"advice_given"}"#),
        (.GET, "/vendor-cases", nil),
        (.POST, "/vendor-cases", #"{"vendorID":"00000000-0000-0000-0000-000000000001","caseNumber":"C1","severity":"sev2"}"#),
        (.PATCH, "/vendor-cases/:caseID", #"{"state":"closed"}"#),
        (.GET, "/exits", nil),
        (.POST, "/third-party", #"{"party":"Carrier","escalated":"Circuit"}"#),
        (.POST, "/third-party/resolved", #"{"resolution":"Fixed"}"#),
        (.POST, "/client-it", #"{"receivedBy":"Dana","handedOver":"All of it"}"#),
        (.POST, "/reopen", #"{"reason":"Broken again"}"#),
        (.GET, "/messages", nil),
        (.GET, "/survey", nil),
        (.POST, "/survey", #"{"rating":5}"#),
        (.POST, "/confirmation", #"{"works":true}"#),
        (.POST, "/updates", #"{"body":"Still on it"}"#),
    ]

    @Test func aContactOfAnotherCompanyGets404EverywhereAndLearnsNothing() async throws {
        try await withMend { m in
            let secret = "Beta payroll server breach"
            let n = try await m.openTicket(summary: secret, company: m.fx.companyB)
            let version = try await m.ticket(n).version
            let covered = Set(Self.ticketRoutes.map { "\($0.0.rawValue) /api/v1/tickets/:number\($0.1)" })
            let registered = Set(
                m.app.routes.all.filter { $0.path.map(\.description).starts(with: ["api", "v1", "tickets", ":number"]) }
                    .map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            #expect(covered == registered, "every ticket-scoped route must be in this test")
            for (method, suffix, body) in Self.ticketRoutes {
                // Nested records are named by ids the contact cannot know; any id must still give 404.
                let path = suffix.split(separator: "/").map { $0.hasPrefix(":") ? UUID().uuidString : String($0) }
                    .joined(separator: "/")
                let r = try await m.send(
                    method, "/api/v1/tickets/\(n)\(path.isEmpty ? "" : "/" + path)", as: m.fx.clientAToken, json: body)
                #expect(r.status == .notFound, "\(method) \(suffix) gave \(r.status)")
                #expect(!r.body.string.contains(secret))
                #expect(!r.body.string.contains("Beta"))
            }
            let list = try await m.send(.GET, "/api/v1/tickets", as: m.fx.clientAToken)
            #expect(!list.body.string.contains(secret))
            let search = try await m.send(.GET, "/api/v1/tickets?company=\(m.fx.companyB)", as: m.fx.clientAToken)
            #expect(!search.body.string.contains(secret))
            #expect(try await m.ticket(n).version == version, "nothing may change")
        }
    }

    @Test func aContactSeesOwnTicketsOnstageOnly() async throws {
        try await withMend { m in
            let n = try await m.openTicket(company: m.fx.companyA)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"Internal: suspect the client's own change","visibility":"backstage"}"#)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"We are on it","visibility":"onstage"}"#)
            let notes = try await m.send(.GET, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken)
            #expect(notes.status == .ok)
            #expect(notes.body.string.contains("We are on it"))
            #expect(!notes.body.string.contains("suspect"))
            let events = try await m.send(.GET, "/api/v1/tickets/\(n)/events", as: m.fx.clientAToken).content.decode(
                ListDTO<EventDTO>.self)
            #expect(events.items.allSatisfy { $0.visibility == "onstage" })
            #expect(!events.items.isEmpty)
            let backstage = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken, json: #"{"body":"x","visibility":"backstage"}"#)
            #expect(backstage.problem?.field == "visibility")
            let reply = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.clientAToken,
                json: #"{"body":"Still down here","visibility":"onstage"}"#)
            #expect(reply.status == .created)
            let time = try await m.send(.GET, "/api/v1/tickets/\(n)/time-entries", as: m.fx.clientAToken)
            #expect(time.status == .notFound)
            let list = try await m.send(.GET, "/api/v1/tickets", as: m.fx.clientAToken)
            #expect(list.body.string.contains(n))
        }
    }

    @Test func aContactOpensTicketsOnlyForItsOwnCompany() async throws {
        try await withMend { m in
            let other = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.clientAToken,
                json: #"{"summary":"Printer jammed","companyID":"\#(m.fx.companyB)"}"#)
            #expect(other.status == .unprocessableEntity)
            #expect(other.problem?.field == "companyID")
            #expect(try await TicketModel.query(on: m.app.db).count() == 0)
            let r = try await m.send(.POST, "/api/v1/tickets", as: m.fx.clientAToken, json: #"{"summary":"Printer jammed"}"#)
            #expect(r.status == .created)
            let ticket = try r.content.decode(TicketDTO.self)
            #expect(ticket.companyID == m.fx.companyA, "a contact's ticket always belongs to its own company")
            #expect(ticket.source == "portal")
        }
    }

    @Test func contactsSeeOnlyTheirCompanyInTheDirectory() async throws {
        try await withMend { m in
            let companies = try await m.send(.GET, "/api/v1/companies", as: m.fx.clientAToken)
            #expect(companies.body.string.contains("Acme"))
            #expect(!companies.body.string.contains("Beta"))
            #expect(
                try await m.send(.GET, "/api/v1/companies/\(m.fx.companyB)/contacts", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/api/v1/users", as: m.fx.clientAToken).status == .notFound)
            #expect(try await m.send(.GET, "/api/v1/queues", as: m.fx.clientAToken).status == .notFound)
        }
    }

    @Test func anEngineerCannotEditContractsButAnAdminCan() async throws {
        try await withMend { m in
            let body = #"{"name":"MSA 2027","coverage":"24x7","startsOn":"2027-01-01","endsOn":"2027-12-31"}"#
            let engineer = try await m.send(
                .POST, "/api/v1/companies/\(m.fx.companyA)/contracts", as: m.fx.engineerToken, json: body)
            #expect(engineer.status == .forbidden)
            #expect(engineer.problem?.detail.contains("contracts.edit") == true)
            let admin = try await m.send(.POST, "/api/v1/companies/\(m.fx.companyA)/contracts", as: m.fx.adminToken, json: body)
            #expect(admin.status == .created)
            let id = try admin.content.decode(ContractResponse.self).id
            let update = #"{"name":"MSA 2027 rev 2","coverage":"8x5","startsOn":"2027-01-01"}"#
            #expect(try await m.send(.PUT, "/api/v1/contracts/\(id)", as: m.fx.engineerToken, json: update).status == .forbidden)
            let changed = try await m.send(.PUT, "/api/v1/contracts/\(id)", as: m.fx.adminToken, json: update)
            #expect(try changed.content.decode(ContractResponse.self).name == "MSA 2027 rev 2")
            let badDates = try await m.send(
                .PUT, "/api/v1/contracts/\(id)", as: m.fx.adminToken,
                json: #"{"name":"x","coverage":"8x5","startsOn":"2027-02-30"}"#)
            #expect(badDates.problem?.field == "startsOn")
        }
    }

    @Test func onlyUserManagersAddUsersAndRolesAreChecked() async throws {
        try await withMend { m in
            let body = #"{"email":"new@test.example","name":"New Engineer","role":"engineer","password":"long-enough-pass"}"#
            #expect(try await m.send(.POST, "/api/v1/users", as: m.fx.engineerToken, json: body).status == .forbidden)
            #expect(try await m.send(.POST, "/api/v1/users", as: m.fx.adminToken, json: body).status == .created)
            let duplicate = try await m.send(.POST, "/api/v1/users", as: m.fx.adminToken, json: body)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problem?.field == "email")
            let badRole = try await m.send(
                .POST, "/api/v1/users", as: m.fx.adminToken, json: #"{"email":"x@test.example","name":"X","role":"wizard"}"#)
            #expect(badRole.problem?.field == "role")
            #expect(badRole.problem?.detail.contains("engineer") == true)
        }
    }
}
