import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import MendServer

@Suite("Concurrency", .serialized) struct ConcurrencyTests {
    @Test func staleIfMatchGets412AndChangesNothing() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            let first = try await m.send(
                .PATCH, path, as: m.fx.engineerToken, json: #"{"summary":"First edit"}"#, headers: ["If-Match": "\"1\""])
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .eTag) == "\"2\"")
            let stale = try await m.send(
                .PATCH, path, as: m.fx.engineerToken, json: #"{"summary":"Stale edit"}"#, headers: ["If-Match": "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.problem?.type == "urn:mend:problem:stale-version")
            let ticket = try await m.ticket(n)
            #expect(ticket.summary == "First edit")
            #expect(ticket.version == 2)
            let staleTransition = try await m.send(
                .POST, "\(path)/transitions", as: m.fx.engineerToken, json: #"{"to":"in_progress"}"#,
                headers: ["If-Match": "\"1\""])
            #expect(staleTransition.status == .preconditionFailed)
            #expect(try await m.ticket(n).status == "new")
            let garbage = try await m.send(
                .PATCH, path, as: m.fx.engineerToken, json: #"{"summary":"x"}"#, headers: ["If-Match": "banana"])
            #expect(garbage.status == .badRequest)
        }
    }

    /// A write transaction held open (on SQLite, the one writer) keeps no event loop's reads waiting, and they do
    /// not see its change until it commits.
    @Test func readsOnEveryEventLoopGoOnWhileAWriteIsOpen() async throws {
        try await withMend { m in
            let app = m.app
            let company = m.fx.companyA
            let (opened, wasOpened) = AsyncStream<Void>.makeStream()
            let (release, toRelease) = AsyncStream<Void>.makeStream()
            let write = Task {
                try await app.mend.gate.transaction(on: app.db) { tx in
                    try await (tx as! any SQLDatabase).raw(
                        "UPDATE companies SET name = 'Acme Renamed' WHERE id = \(bind: company)"
                    ).run()
                    wasOpened.yield()
                    for await _ in release { break }
                }
            }
            for await _ in opened { break }
            for loop in app.eventLoopGroup.makeIterator() {
                let db = app.databases.database(logger: app.logger, on: loop)!
                #expect(try await CompanyModel.find(company, on: db)?.name == "Acme Corp")
            }
            toRelease.yield()
            try await write.value
            #expect(try await CompanyModel.find(company, on: app.db)?.name == "Acme Renamed")
        }
    }

    /// Twenty writers each read, then write with If-Match, retrying on 412: every write must survive.
    @Test func concurrentWritersLoseNoUpdate() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let path = "/api/v1/tickets/\(n)"
            let writers = 20
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for _ in 0..<200 {
                            let current = try await m.ticket(n)
                            let description = current.description + "[\(writer)]"
                            let body = #"{"description":"\#(description)"}"#
                            let r = try await m.send(
                                .PATCH, path, as: m.fx.engineerToken, json: body, headers: ["If-Match": "\"\(current.version)\""])
                            if r.status == .ok { return }
                            #expect(r.status == .preconditionFailed)
                        }
                        Issue.record("writer \(writer) never got through")
                    }
                }
                try await group.waitForAll()
            }
            let final = try await m.ticket(n)
            for writer in 0..<writers { #expect(final.description.contains("[\(writer)]"), "lost the write of \(writer)") }
            #expect(final.version == 1 + writers)
        }
    }

    /// Concurrent time entries without If-Match serialise on the row lock: the total is exact.
    @Test func concurrentTimeEntriesAllCount() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<25 {
                    group.addTask {
                        let r = try await m.send(
                            .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                            json: #"{"minutes":7,"workType":"diagnosis"}"#)
                        #expect(r.status == .created)
                    }
                }
                try await group.waitForAll()
            }
            let ticket = try await m.ticket(n)
            #expect(ticket.minutesLogged == 175)
            #expect(ticket.version == 26)
        }
    }
}

/// Tests that only mean something on PostgreSQL; the SQLite pass of the test command leaves this suite out.
@Suite("PostgreSQL only", .serialized) struct PostgresOnlyTests {
    /// Two servers on one PostgreSQL: writers split across them lose nothing and numbers stay unique.
    @Test func twoServersOnOnePostgresLoseNothing() async throws {
        guard requirePostgres("twoServersOnOnePostgresLoseNothing") else { return }
        try await withMend { m in
            try await withSecondProcess(of: m) { second in
                let n = try await m.openTicket()
                let servers = [m.app, second]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<16 {
                        let app = servers[writer % 2]
                        group.addTask {
                            for _ in 0..<300 {
                                let current = try await app.testing().sendRequest(
                                    .GET, "/api/v1/tickets/\(n)", headers: ["Authorization": "Bearer \(m.fx.engineerToken)"]
                                ).content.decode(TicketDTO.self)
                                let r = try await app.testing().sendRequest(
                                    .PATCH, "/api/v1/tickets/\(n)",
                                    headers: [
                                        "Authorization": "Bearer \(m.fx.engineerToken)", "Content-Type": "application/json",
                                        "If-Match": "\"\(current.version)\"",
                                    ],
                                    body: ByteBuffer(string: #"{"description":"\#(current.description)[\#(writer)]"}"#))
                                if r.status == .ok { return }
                                #expect(r.status == .preconditionFailed)
                            }
                            Issue.record("writer \(writer) never got through")
                        }
                        group.addTask {
                            let r = try await app.testing().sendRequest(
                                .POST, "/api/v1/tickets",
                                headers: ["Authorization": "Bearer \(m.fx.engineerToken)", "Content-Type": "application/json"],
                                body: ByteBuffer(string: #"{"summary":"parallel \#(writer)","companyID":"\#(m.fx.companyA)"}"#))
                            #expect(r.status == .created)
                        }
                    }
                    try await group.waitForAll()
                }
                let final = try await m.ticket(n)
                for writer in 0..<16 { #expect(final.description.contains("[\(writer)]"), "lost the write of \(writer)") }
                #expect(final.version == 17)
                let numbers = try await TicketModel.query(on: m.app.db).all().map(\.number).sorted()
                #expect(
                    numbers == Array(1...17),
                    "ticket numbers are unique across servers (and here, with no failed creation, gapless)")
            }
        }
    }
}
