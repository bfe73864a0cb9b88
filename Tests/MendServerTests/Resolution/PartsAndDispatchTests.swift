import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// 04c.03 and 04c.04: parts hold the ticket until received; visits are booked without double booking and
/// their check-in and check-out become travel and onsite time.
@Suite struct PartsAndDispatchTests {
    @Test func aTicketWaitsOnPartsUntilTheLastIsReceived() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let first = try await m.post("/api/v1/tickets/\(n)/parts", #"{"item":"PSU 650W","quantity":1,"rmaNumber":"RMA-7"}"#)
            let second = try await m.post("/api/v1/tickets/\(n)/parts", #"{"item":"SFP module","quantity":2}"#)
            #expect(try await m.ticket(n).status == "waiting_on_parts")
            let firstID = try #require(first["id"] as? String)
            let secondID = try #require(second["id"] as? String)
            let version = try await m.ticket(n).version
            let (status, fields) = try await m.refused(.PATCH, "/api/v1/tickets/\(n)/parts/\(firstID)", #"{"state":"received"}"#)
            #expect(status == .unprocessableEntity && fields == ["state"], "received before ordered")
            #expect(try await m.ticket(n).version == version)
            let (bad, badFields) = try await m.refused(.POST, "/api/v1/tickets/\(n)/parts", #"{"item":"","quantity":0}"#)
            #expect(bad == .unprocessableEntity && badFields == ["item", "quantity"])

            for state in ["ordered", "received"] {
                try await m.post(
                    "/api/v1/tickets/\(n)/parts/\(firstID)", #"{"state":"\#(state)","carrier":"UPS"}"#, method: .PATCH,
                    expect: .ok)
            }
            #expect(try await m.ticket(n).status == "waiting_on_parts", "the SFP is still awaited")
            try await m.post("/api/v1/tickets/\(n)/parts/\(secondID)", #"{"state":"ordered"}"#, method: .PATCH, expect: .ok)
            try await m.post("/api/v1/tickets/\(n)/parts/\(secondID)", #"{"state":"received"}"#, method: .PATCH, expect: .ok)
            #expect(try await m.ticket(n).status == "in_progress")
            let installed = try await m.post(
                "/api/v1/tickets/\(n)/parts/\(firstID)", #"{"state":"installed"}"#, method: .PATCH, expect: .ok)
            #expect(installed["nextStates"] as? [String] == ["returned"], "the faulty RMA unit goes back")
            let parts = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/parts", as: m.fx.engineerToken))
            #expect(parts.map { $0["state"] as? String } == ["installed", "received"])
        }
    }

    @Test func visitsRefuseDoubleBookingAndBecomeTravelAndOnsiteTime() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let other = try await m.openTicket(summary: "Switch dead in closet B")
            let visit = { (start: String, end: String) in
                #"{"engineerID":"\#(m.fx.engineer)","siteID":"\#(m.fx.siteA)","startsAt":"\#(start)","endsAt":"\#(end)"}"#
            }
            let (backwards, fields) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/visits", visit("2026-11-20T11:00:00Z", "2026-11-20T09:00:00Z"))
            #expect(backwards == .unprocessableEntity && fields == ["endsAt"])
            let (wrongSite, siteFields) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/visits",
                #"{"engineerID":"\#(m.fx.engineer)","siteID":"\#(m.fx.siteB)","startsAt":"2026-11-20T09:00:00Z","endsAt":"2026-11-20T10:00:00Z"}"#
            )
            #expect(wrongSite == .unprocessableEntity && siteFields == ["siteID"])

            let booked = try await m.post("/api/v1/tickets/\(n)/visits", visit("2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z"))
            #expect(try await m.ticket(n).status == "onsite_scheduled")
            let version = try await m.ticket(other).version
            let (clash, clashFields) = try await m.refused(
                .POST, "/api/v1/tickets/\(other)/visits", visit("2026-11-20T10:30:00Z", "2026-11-20T12:00:00Z"))
            #expect(clash == .unprocessableEntity && clashFields == ["startsAt"], "the engineer is already booked")
            #expect(try await m.ticket(other).version == version)
            try await m.post("/api/v1/tickets/\(other)/visits", visit("2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z"))

            let board = try m.object(try await m.send(.GET, "/api/v1/dispatch?date=2026-11-20", as: m.fx.engineerToken))
            let rows = try #require(board["engineers"] as? [[String: Any]])
            let eli = try #require(rows.first { $0["engineerName"] as? String == "Eli Engineer" })
            #expect((eli["visits"] as? [[String: Any]])?.compactMap { $0["ticket"] as? String } == [n, other])
            let (badDate, _) = try await m.refused(.GET, "/api/v1/dispatch?date=2026-02-30", nil)
            #expect(badDate == .unprocessableEntity)

            let id = try #require(booked["id"] as? String)
            let (early, _) = try await m.refused(.POST, "/api/v1/tickets/\(n)/visits/\(id)/check-out", nil)
            #expect(early == .unprocessableEntity, "check-out needs a check-in")
            let (tooEarly, earlyFields) = try await m.refused(
                .POST, "/api/v1/tickets/\(n)/visits/\(id)/check-in", #"{"travelMinutes":25}"#)
            #expect(tooEarly == .unprocessableEntity && earlyFields == ["reason"], "days before the window needs a reason")
            #expect(try await m.ticket(n).status == "onsite_scheduled", "and changes nothing")
            try await m.post(
                "/api/v1/tickets/\(n)/visits/\(id)/check-in",
                #"{"travelMinutes":25,"reason":"The client asked us to come early"}"#,
                expect: .ok)
            let checkIn = try await EventModel.query(on: m.app.db).filter(\.$kind == EventKind.appointmentChanged.rawValue)
                .sort(\.$seq, .descending).first()
            #expect(checkIn?.summary.contains("(early: The client asked us to come early)") == true)
            #expect(try await m.ticket(n).status == "in_progress")
            m.clock.advance(seconds: 90 * 60)
            let done = try await m.post("/api/v1/tickets/\(n)/visits/\(id)/check-out", #"{"travelMinutes":30}"#, expect: .ok)
            #expect(done["state"] as? String == "completed")
            let entries = try m.items(try await m.send(.GET, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken))
            #expect(entries.compactMap { $0["workType"] as? String }.sorted() == ["onsite", "travel", "travel"])
            #expect(try await m.ticket(n).minutesLogged == 25 + 90 + 30)
        }
    }

    @Test func aScheduledVisitMovesWithoutDoubleBookingAndTheBoardSpansAWeek() async throws {
        try await withMend { m in
            let n = try await m.openTicket()
            let other = try await m.openTicket(summary: "Printer jams on tray 2")
            let visit = { (person: UUID, start: String, end: String) in
                #"{"engineerID":"\#(person)","startsAt":"\#(start)","endsAt":"\#(end)"}"#
            }
            let booked = try await m.post(
                "/api/v1/tickets/\(n)/visits", visit(m.fx.engineer, "2026-11-23T09:00:00Z", "2026-11-23T11:00:00Z"))
            try await m.post(
                "/api/v1/tickets/\(other)/visits", visit(m.fx.engineer, "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z"))
            let id = try #require(booked["id"] as? String)
            let path = "/api/v1/tickets/\(n)/visits/\(id)"

            // A new start keeps the two hours.
            let moved = try await m.post(path, #"{"startsAt":"2026-11-24T15:00:00Z"}"#, method: .PATCH, expect: .ok)
            #expect(
                moved["startsAt"] as? String == "2026-11-24T15:00:00Z" && moved["endsAt"] as? String == "2026-11-24T17:00:00Z")
            // Into the engineer's other visit: refused, and nothing changes.
            let version = try await m.ticket(n).version
            let (clash, clashFields) = try await m.refused(.PATCH, path, #"{"startsAt":"2026-11-25T12:30:00Z"}"#)
            #expect(clash == .unprocessableEntity && clashFields == ["startsAt"])
            let (empty, emptyFields) = try await m.refused(.PATCH, path, "{}")
            #expect(empty == .unprocessableEntity && emptyFields == ["startsAt"])
            let (stranger, strangerFields) = try await m.refused(.PATCH, path, #"{"engineerID":"\#(m.fx.companyA)"}"#)
            #expect(stranger == .unprocessableEntity && strangerFields == ["engineerID"])
            #expect(try await m.ticket(n).version == version)
            // The same window with someone free is fine, and the history says from where it moved.
            let handed = try await m.post(
                path, #"{"engineerID":"\#(m.fx.admin)","startsAt":"2026-11-25T12:30:00Z"}"#, method: .PATCH, expect: .ok)
            #expect(handed["engineerName"] as? String == "Ada Admin")
            let event = try await EventModel.query(on: m.app.db).filter(\.$kind == EventKind.appointmentChanged.rawValue)
                .sort(\.$seq, .descending).first()
            #expect(event?.summary.contains("Onsite visit moved: Ada Admin") == true)
            #expect(event?.summary.contains("was Eli Engineer, 2026-11-24T15:00:00Z") == true)
            #expect(try await m.ticket(n).status == "onsite_scheduled")

            // The week from Monday 23 November holds both visits; a day holds its own.
            let week = try m.object(try await m.send(.GET, "/api/v1/dispatch?date=2026-11-23&days=7", as: m.fx.engineerToken))
            #expect(week["days"] as? Int == 7)
            let rows = try #require(week["engineers"] as? [[String: Any]])
            let tickets = rows.flatMap { ($0["visits"] as? [[String: Any]] ?? []).compactMap { $0["ticket"] as? String } }
            #expect(Set(tickets) == [n, other])
            let monday = try m.object(try await m.send(.GET, "/api/v1/dispatch?date=2026-11-23", as: m.fx.engineerToken))
            #expect((monday["engineers"] as? [[String: Any]])?.allSatisfy { ($0["visits"] as? [Any])?.isEmpty == true } == true)
            let (tooLong, longFields) = try await m.refused(.GET, "/api/v1/dispatch?days=15", nil)
            #expect(tooLong == .unprocessableEntity && longFields == ["days"])

            // Once checked in, a visit stays where it happened.
            try await m.post(
                "/api/v1/tickets/\(n)/visits/\(id)/check-in", #"{"reason":"Early start agreed"}"#, expect: .ok)
            let (started, startedFields) = try await m.refused(.PATCH, path, #"{"startsAt":"2026-11-26T09:00:00Z"}"#)
            #expect(started == .unprocessableEntity && startedFields == ["state"])
        }
    }

    @Test func concurrentBookingsOfOneEngineerLetExactlyOneThrough() async throws {
        try await withMend { m in
            var tickets: [String] = []
            for index in 0..<6 { tickets.append(try await m.openTicket(summary: "Outage \(index)")) }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, n) in tickets.enumerated() {
                    group.addTask {
                        // Overlapping windows, each on its own ticket.
                        let start = 9 * 60 + index * 5
                        let json =
                            #"{"engineerID":"\#(m.fx.engineer)","startsAt":"2026-12-02T\#(String(format: "%02d:%02d", start / 60, start % 60)):00Z","endsAt":"2026-12-02T11:00:00Z"}"#
                        return try await m.send(.POST, "/api/v1/tickets/\(n)/visits", as: m.fx.engineerToken, json: json).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 5)
            let stored = try await AppointmentModel.query(on: m.app.db).count()
            #expect(stored == 1)
        }
    }
}
