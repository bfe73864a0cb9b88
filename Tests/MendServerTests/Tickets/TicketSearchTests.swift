import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

@Suite("Ticket search", .serialized) struct TicketSearchTests {
    struct Page: Decodable {
        var items: [TicketDTO]
        var nextCursor: String?
    }

    /// Every ticket in `sort` order, read `limit` at a time by following the cursors; no page is longer than `limit`.
    func everyPage(_ m: TestMend, sort: String, limit: Int) async throws -> [TicketDTO] {
        var seen: [TicketDTO] = []
        var cursor: String?
        repeat {
            let query = "/api/v1/tickets?limit=\(limit)&sort=\(sort)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await m.send(.GET, query, as: m.fx.engineerToken).content.decode(Page.self)
            #expect(page.items.count <= limit)
            seen += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return seen
    }

    @Test func filtersCombine() async throws {
        try await withMend { m in
            let vpn = try await m.openTicket(summary: "VPN tunnel flapping", extra: #","impact":"high","urgency":"high""#)
            _ = try await m.openTicket(summary: "Printer offline", company: m.fx.companyB)
            let mine = try await m.openTicket(summary: "Mailbox full", extra: #","assigneeID":"\#(m.fx.engineer)""#)
            func numbers(_ query: String) async throws -> [String] {
                try await m.send(.GET, "/api/v1/tickets?\(query)", as: m.fx.engineerToken).content.decode(Page.self).items.map(
                    \.number)
            }
            #expect(try await numbers("priority=p1") == [vpn])
            #expect(try await numbers("company=\(m.fx.companyB)").count == 1)
            #expect(try await numbers("assignee=me") == [mine])
            #expect(try await numbers("assignee=none").count == 2)
            #expect(try await numbers("status=assigned") == [mine])
            #expect(try await numbers("q=tunnel") == [vpn])
            #expect(try await numbers("q=TUNNEL") == [vpn], "text search ignores case")
            #expect(try await numbers("q=\(vpn)") == [vpn])
            #expect(try await numbers("queue=\(m.fx.nocQueue)&status=new,assigned").count == 3)
            #expect(try await numbers("open=true").count == 3)
        }
    }

    @Test func cursorPagesNeitherSkipNorRepeat() async throws {
        try await withMend { m in
            var created: [String] = []
            for i in 0..<23 {
                let urgency = ["high", "medium", "low"][i % 3]
                created.append(try await m.openTicket(summary: "Incident \(i)", extra: #","urgency":"\#(urgency)""#))
            }
            for sort in ["newest", "oldest", "priority"] {
                let seen = try await everyPage(m, sort: sort, limit: 5)
                #expect(seen.count == 23, "\(sort)")
                #expect(Set(seen.map(\.number)) == Set(created), "\(sort)")
                if sort == "newest" { #expect(seen.map(\.number) == created.reversed()) }
                if sort == "priority" { #expect(seen.map(\.priority) == seen.map(\.priority).sorted()) }
            }
        }
    }

    @Test func theDeadlineOrderPagesFromTheNearestDeadlineToTicketsWithoutOne() async throws {
        try await withMend { m in
            var created: [String] = []
            for i in 0..<10 {
                let (impact, urgency) = [("high", "high"), ("medium", "medium"), ("low", "low"), ("high", "low")][i % 4]
                created.append(
                    try await m.openTicket(summary: "Incident \(i)", extra: #","impact":"\#(impact)","urgency":"\#(urgency)""#))
                m.clock.advance(seconds: 60)
            }
            // Out of Tier 2, these have no running clock and come last, by number.
            let undated = [created[1], created[6], created[8]]
            for number in undated { try await m.escalateOut(number) }
            let seen = try await everyPage(m, sort: "deadline", limit: 3)
            #expect(seen.count == 10)
            #expect(Set(seen.map(\.number)) == Set(created))
            func nearest(_ t: TicketDTO) -> Date? {
                t.sla?.clocks.filter { $0.state == "running" }.compactMap(\.dueAt).min()
            }
            let dated = seen.prefix(7)
            #expect(dated.allSatisfy { nearest($0) != nil })
            #expect(dated.map { nearest($0)! } == dated.map { nearest($0)! }.sorted())
            #expect(seen.suffix(3).map(\.number) == undated)
        }
    }

    /// A list keeps each ticket's clocks parsed by their stored text (`SnapshotCache`): a ticket changed after it was
    /// listed is listed with its new clocks, here and on a second server reading the same database.
    @Test func aListShowsTheClocksAsLastStoredAfterItListedThemBefore() async throws {
        try await withMend { m in
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            func listed() async throws -> TicketDTO {
                let page = try await m.send(.GET, "/api/v1/tickets?open=true", as: m.fx.engineerToken).content.decode(Page.self)
                return try #require(page.items.first { $0.number == n })
            }
            #expect(try await listed().clock("restoration").state == "running")
            for (status, state) in [("in_progress", "running"), ("waiting_on_client", "paused"), ("in_progress", "running")] {
                m.clock.advance(seconds: 600)
                let moved = try await m.send(
                    .POST, "/api/v1/tickets/\(n)/transitions", as: m.fx.engineerToken, json: #"{"to":"\#(status)"}"#)
                #expect(moved.status == .ok, "\(moved.body.string)")
                #expect(try await listed().clock("restoration").state == state, "after \(status)")
            }
            let lowered = try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.managerToken,
                json: #"{"impact":"medium","urgency":"medium","priorityReason":"only one user affected"}"#)
            #expect(lowered.status == .ok, "\(lowered.body.string)")
            let single = try await m.ticket(n)
            #expect(try await listed().clock("restoration").dueAt == single.clock("restoration").dueAt)
            #expect(try single.clock("restoration").dueAt != nil)
        }
    }
}
