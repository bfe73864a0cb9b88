import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Input at the edges of the API document: date-times, numbers, NUL, null, media types and credentials. Each bad
/// one is a 4xx naming its field and changes nothing.
@Suite("API contract input", .serialized) struct ContractInputTests {
    func entries(_ m: TestMend, _ n: String) async throws -> Int {
        try await TimeEntryModel.query(on: m.app.db).count()
    }

    @Test func aDateTimeWithFractionalSecondsIsAccepted() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":30,"workType":"diagnosis","startedAt":"2026-11-18T07:53:49.827Z"}"#)
            #expect(r.status == .created, "\(r.body.string)")
            let stored = try #require(try await TimeEntryModel.query(on: m.app.db).first())
            #expect(abs(stored.startedAt.timeIntervalSince1970 - 1_794_988_429.827) < 0.002)
        }
    }

    @Test(arguments: ["2026-02-30T10:00:00Z", "2026-11-31T10:00:00Z", "2026-11-18T24:00:00Z", "2026-11-18T10:00:00"])
    func anImpossibleDateIsRefusedNotRolledOver(text: String) async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":30,"workType":"diagnosis","startedAt":"\#(text)"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.problem?.field == "startedAt")
            #expect(try await entries(m, n) == 0)
            let query = try await m.send(.GET, "/api/v1/oncall?at=\(text)", as: m.fx.engineerToken)
            #expect(query.status == .unprocessableEntity && query.problem?.field == "at")
        }
    }

    @Test(arguments: ["1.5", "1e30", "99999999999999999999", "-0.5", "30.0001"])
    func aNumberThatIsNotAWholeNumberIsNamed(number: String) async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":\#(number),"workType":"diagnosis"}"#)
            #expect(r.status == .unprocessableEntity, "\(r.body.string)")
            #expect(r.problem?.field == "minutes")
            #expect(try await entries(m, n) == 0)
        }
    }

    @Test func aNumberOutOfRangeIsNamed() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            for number in ["0", "1441", "-3"] {
                let r = try await m.send(
                    .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                    json: #"{"minutes":\#(number),"workType":"diagnosis"}"#)
                #expect(r.status == .unprocessableEntity && r.problem?.field == "minutes", "\(number)")
            }
        }
    }

    @Test func aNULInTextIsRefusedEverywhere() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let body = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"before\u0000after","visibility":"backstage"}"#)
            #expect(body.status == .unprocessableEntity)
            #expect(body.problem?.field == "body")
            let create = try await m.send(
                .POST, "/api/v1/tickets", as: m.fx.engineerToken,
                json: #"{"summary":"VPN\u0000down","companyID":"\#(m.fx.companyA)"}"#)
            #expect(create.status == .unprocessableEntity && create.problem?.field == "summary")
            let query = try await m.send(.GET, "/api/v1/tickets?q=a%00b", as: m.fx.engineerToken)
            #expect(query.status == .unprocessableEntity && query.problem?.field == "q")
            #expect(try await NoteModel.query(on: m.app.db).count() == 0)
            #expect(try await TicketModel.query(on: m.app.db).count() == 1)
            // A backslash before u0000 is text, not a NUL.
            let literal = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                json: #"{"body":"path C:\\u0000","visibility":"backstage"}"#)
            #expect(literal.status == .created, "\(literal.body.string)")
        }
    }

    @Test func nullForAnOptionalMemberMeansAbsentAndForARequiredOneIsNamed() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let optional = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":30,"workType":"diagnosis","note":null,"startedAt":null,"billable":null}"#)
            #expect(optional.status == .created, "\(optional.body.string)")
            let required = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":null,"workType":"diagnosis"}"#)
            #expect(required.status == .unprocessableEntity && required.problem?.field == "minutes")
        }
    }

    @Test func mediaTypesAreComparedWithoutRegardToCase() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            for type in ["Application/JSON", "APPLICATION/JSON; charset=UTF-8", "application/vnd.mend+JSON"] {
                let r = try await m.send(
                    .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                    json: #"{"minutes":5,"workType":"diagnosis"}"#, headers: ["Content-Type": type])
                #expect(r.status == .created, "\(type): \(r.body.string)")
            }
            let text = try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":5,"workType":"diagnosis"}"#, headers: ["Content-Type": "Text/Plain"])
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test func aWriteWithoutCredentialsIsUnauthorizedNotForbidden() async throws {
        try await withMend { m in
            for (method, path) in [
                (HTTPMethod.POST, "/api/v1/tickets"), (.PATCH, "/api/v1/tickets/T-000001"),
                (.PUT, "/api/v1/alerts/severity-table"),
            ] {
                let r = try await m.send(method, path, json: "{}")
                #expect(r.status == .unauthorized, "\(method) \(path)")
                #expect(r.problem?.type == "urn:mend:problem:unauthorized")
                #expect(r.headers.first(name: .wwwAuthenticate) != nil)
            }
            #expect(try await TicketModel.query(on: m.app.db).count() == 0)
        }
    }
}
