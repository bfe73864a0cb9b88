import Fluent
import Foundation
import MendCore
import SQLKit
import Testing
import Vapor

@testable import MendServer

/// A change carries a ticket's clocks and KPI facts forward from its stored fold: after each everyday change the
/// stored fold, clocks and facts are the ones the whole history gives, and a fold made under other terms, or at a
/// version another writer moved on, is folded anew.
@Suite(.serialized) struct TicketFoldStoreTests {
    /// Monday 2026-11-30 09:00 in New York.
    static let monday9 = Date(timeIntervalSince1970: 1_796_047_200)

    /// The stored fold and clocks, and those the whole history gives at `now`.
    func storedAndWhole(_ m: TestMend, _ number: String) async throws -> (
        stored: TicketModel, whole: TicketFold, clocks: [SlaClock]
    ) {
        let ticket = try #require(
            try await TicketModel.query(on: m.app.db).filter(\.$number == Int(number.dropFirst(2))!).first())
        let settings = try await SlaSettingsLoader(db: m.app.db, cache: m.app.mend.sla).forTicket(
            ticket, today: LocalDate(m.clock.now()))
        let history = try await TicketHistoryLoader.load(for: ticket, on: m.app.db)
        let priority = try #require(Priority(rawValue: ticket.priority))
        let whole = TicketFold(
            history: history, priority: priority, policy: settings.policy, calendar: settings.calendar,
            terms: TicketFold.terms(priority: priority, policy: settings.policy, calendarText: settings.calendarText),
            version: ticket.version)
        let clocks = SlaEngine.clocks(
            history: history.sla, priority: priority, policy: settings.policy, calendar: settings.calendar, now: m.clock.now())
        return (ticket, whole, clocks)
    }

    func check(_ m: TestMend, _ number: String, _ step: String) async throws {
        let (stored, whole, clocks) = try await storedAndWhole(m, number)
        #expect(stored.slaFold == whole.text, "\(step): the stored fold is the whole history's")
        #expect(SlaRefresh.snapshot(stored.slaClocks)?.clocks == clocks, "\(step): the stored clocks are a full replay's")
    }

    @Test func everydayChangesCarryTheFoldForwardAsAFullReplayWould() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket(extra: #","impact":"high","urgency":"medium""#)
            func send(_ path: String, _ json: String) async throws {
                m.clock.advance(seconds: 1_800)
                let r = try await m.send(.POST, "/api/v1/tickets/\(n)/\(path)", as: m.fx.engineerToken, json: json)
                #expect(r.status.code < 300, "\(path): \(r.body.string)")
            }
            try await send("notes", #"{"body":"Looking","visibility":"backstage"}"#)
            try await check(m, n, "first change")
            let steps: [(String, String)] = [
                ("transitions", #"{"to":"in_progress"}"#),
                ("notes", #"{"body":"On it","visibility":"onstage"}"#),
                ("transitions", #"{"to":"waiting_on_client"}"#),
                ("notes", #"{"body":"Any news?","visibility":"backstage"}"#),
                ("transitions", #"{"to":"in_progress"}"#),
                ("notes", #"{"body":"Still on it","visibility":"onstage"}"#),
            ]
            for (path, json) in steps {
                try await send(path, json)
                try await check(m, n, json)
            }
            // Another writer's change moves the version without the fold: the next change folds the history anew.
            try await m.app.db.sql.raw("UPDATE tickets SET version = version + 1 WHERE number = \(bind: Int(n.dropFirst(2))!)")
                .run()
            try await send("notes", #"{"body":"After another writer","visibility":"backstage"}"#)
            try await check(m, n, "after another writer")
            // A priority change is other terms: the fold is made anew under them.
            m.clock.advance(seconds: 600)
            let lowered = try await m.send(
                .PATCH, "/api/v1/tickets/\(n)", as: m.fx.managerToken,
                json: #"{"urgency":"low","priorityReason":"Workaround in place"}"#)
            #expect(lowered.status == .ok, "\(lowered.body.string)")
            try await check(m, n, "after a priority change")
            #expect(try await storedAndWhole(m, n).stored.slaFold?.contains("\np3/") == true)
        }
    }

    /// A ticket opened at an instant with a fraction finer than the database keeps: its creation read back is
    /// rounded, and the fold stored by a change must still be carried by the next one rather than made anew.
    @Test func aTicketOpenedAtAnyInstantHasItsFoldCarriedForward() async throws {
        try await withMend { m in
            var carried = 0
            // Fractions spread over the second; about half of them did not read back through seconds since 1970.
            let fractions = (0..<20).map { Double($0) * 0.0371 + 0.000_123 }
            for fraction in fractions {
                m.clock.set(Self.monday9.addingTimeInterval(fraction))
                let n = try await m.openTicket()
                m.clock.advance(seconds: 61.234_567_89)
                let r = try await m.send(
                    .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken,
                    json: #"{"body":"Looking","visibility":"backstage"}"#)
                #expect(r.status == .created, "\(r.body.string)")
                let ticket = try #require(
                    try await TicketModel.query(on: m.app.db).filter(\.$number == Int(n.dropFirst(2))!).first())
                let settings = try await SlaSettingsLoader(db: m.app.db, cache: m.app.mend.sla).forTicket(
                    ticket, today: LocalDate(m.clock.now()))
                ticket.version += 1
                if try TicketFolding.carried(ticket, written: [], settings: settings) != nil { carried += 1 }
            }
            #expect(carried == fractions.count)
        }
    }

    /// The fold a change stores is kept parsed under its text: the next change finds it there, and a row whose text
    /// is another (another server's change, a rolled-back one) finds nothing.
    @Test func theFoldStoredLastIsKeptParsedUnderItsText() async throws {
        try await withMend { m in
            m.clock.set(Self.monday9)
            let n = try await m.openTicket()
            m.clock.advance(seconds: 60)
            let r = try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: #"{"body":"Looking","visibility":"backstage"}"#
            )
            #expect(r.status == .created)
            let (stored, whole, _) = try await storedAndWhole(m, n)
            let text = try #require(stored.slaFold)
            let id = try stored.requireID()
            #expect(m.app.mend.folds.fold(of: id, text: text) == whole)
            #expect(m.app.mend.folds.fold(of: id, text: text + " ") == nil)
            #expect(m.app.mend.folds.fold(of: UUID(), text: text) == nil)
        }
    }
}
