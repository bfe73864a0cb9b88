import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Every kind of bad input gets a 4xx problem naming what is wrong, and changes nothing.
@Suite("Bad input", .serialized) struct BadInputTests {
    func ticketCount(_ m: TestMend) async throws -> Int { try await TicketModel.query(on: m.app.db).count() }

    @Test func malformedJSON() async throws {
        try await withMend { m in
            let r = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"summary": "x",,}"#)
            #expect(r.status == .badRequest)
            #expect(r.headers.contentType == .problemJSON)
            #expect(r.problem?.type == "urn:mend:problem:malformed-json")
            for body in ["[]", "\"summary\"", "null", "42"] {
                let notObject = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: body)
                #expect(notObject.status == .badRequest, "\(body)")
                #expect(notObject.problem?.type == "urn:mend:problem:malformed-json", "\(body)")
            }
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func unknownFieldIsNamed() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken,
                json: #"{"summary":"x","companyID":"\#(m.fx.companyA)","prio":"p1"}"#)
            #expect(r.status == .badRequest)
            #expect(r.problem?.type == "urn:mend:problem:unknown-field")
            #expect(r.problem?.field == "prio")
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func wrongTypeIsNamed() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"summary":42,"companyID":"\#(m.fx.companyA)"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.field == "summary")
            #expect(r.problem?.errors?.first?.message == "must be a string")
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func badEnumValueListsTheValidOnes() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken,
                json: #"{"summary":"x","companyID":"\#(m.fx.companyA)","impact":"huge"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.field == "impact")
            #expect(r.problem?.detail.contains("high, medium, low") == true)
        }
    }

    @Test func missingRequiredFieldIsNamed() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"companyID":"\#(m.fx.companyA)"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.field == "summary")
            let blank = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"summary":"  ","companyID":"\#(m.fx.companyA)"}"#)
            #expect(blank.problem?.errors?.first?.message == "is required")
            let noCompany = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"summary":"x"}"#)
            #expect(noCompany.problem?.field == "companyID")
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func unknownReferencesAreNamed() async throws {
        try await withMend { m in
            let r = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken, json: #"{"summary":"x","companyID":"\#(UUID())"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.field == "companyID")
            let wrongContact = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken,
                json: #"{"summary":"x","companyID":"\#(m.fx.companyA)","contactID":"\#(m.fx.contactB)"}"#)
            #expect(wrongContact.problem?.field == "contactID")
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func oversizeBodyIsRefused() async throws {
        try await withMend { m in
            // The body limit is enforced while the server reads the socket, so this needs a running server.
            let huge = String(repeating: "x", count: 2_000_000)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: m.fx.engineerToken)
            headers.contentType = .json
            let r = try await m.app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/api/v1/tickets", headers: headers,
                body: ByteBuffer(string: #"{"summary":"x","companyID":"\#(m.fx.companyA)","description":"\#(huge)"}"#))
            #expect(r.status == .payloadTooLarge)
            #expect(r.problem?.type == "urn:mend:problem:payload-too-large")
            #expect(try await ticketCount(m) == 0)
        }
    }

    @Test func notJSONIsRefused() async throws {
        try await withMend { m in
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            let r = try await m.send(.POST, "/api/v1/tickets", as: m.fx.engineerToken, json: "summary=x", headers: headers)
            #expect(r.status == .unsupportedMediaType)
        }
    }

    @Test func unknownTicketIs404() async throws {
        try await withMend { m in
            for path in ["/api/v1/tickets/T-999999", "/api/v1/tickets/garbage", "/api/v1/tickets/T-999999/notes"] {
                let r = try await m.send(.GET, path, as: m.fx.engineerToken)
                #expect(r.status == .notFound, "\(path)")
                #expect(r.problem?.type == "urn:mend:problem:not-found")
            }
            let unknownRoute = try await m.send(.GET, "/api/v1/nothing-here", as: m.fx.engineerToken)
            #expect(unknownRoute.status == .notFound)
            #expect(unknownRoute.problem != nil)
        }
    }

    @Test func badTimeEntryAndNoteChangeNothing() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let version = try await m.ticket(n).version
            let zero = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken, json: #"{"minutes":0,"workType":"diagnosis"}"#
            )
            #expect(zero.problem?.field == "minutes")
            let badType = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken, json: #"{"minutes":10,"workType":"napping"}"#)
            #expect(badType.problem?.field == "workType")
            let badDate = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":10,"workType":"diagnosis","startedAt":"yesterday"}"#)
            #expect(badDate.problem?.field == "startedAt")
            let emptyNote = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: #"{"body":"","visibility":"onstage"}"#)
            #expect(emptyNote.problem?.field == "body")
            #expect(try await m.ticket(n).version == version)
        }
    }

    @Test func badSearchParametersAreNamed() async throws {
        try await withMend { m in
            let r = try await m.send(.GET, "/api/v1/tickets?status=lost&limit=0", as: m.fx.engineerToken)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.errors?.map(\.field) == ["status", "limit"])
            let cursor = try await m.send(.GET, "/api/v1/tickets?cursor=nonsense", as: m.fx.engineerToken)
            #expect(cursor.problem?.field == "cursor")
        }
    }

    @Test func missingOrBadTokenIs401() async throws {
        try await withMend { m in
            let none = try await m.send(.GET, "/api/v1/tickets")
            #expect(none.status == .unauthorized)
            #expect(none.problem?.type == "urn:mend:problem:unauthorized")
            let bad = try await m.send(.GET, "/api/v1/tickets", as: "mend_not-a-real-token")
            #expect(bad.status == .unauthorized)
        }
    }
}
