import Fluent
import Foundation
import MendCore
import SQLKit

/// Pages to on-call staff: opened by the after-hours rule or an escalation level, answered by the person
/// paged (acknowledge, elect to take the ticket, or decline with a reason), moved up the chain by the
/// scheduler when nobody acknowledges in time. Every change is an event on the ticket.
struct PageService {
    let db: any Database
    let services: MendServices

    /// Opens a page about `ticket` inside the caller's transaction (which holds the ticket's lock).
    /// `rotationID` nil uses the after-hours rotation. Returns the page, or nil when nobody can be paged.
    @discardableResult
    func open(
        ticket: TicketModel, rotationID: UUID?, reason: String, now: Date, on tx: any Database,
        events: inout EventRecorder
    ) async throws -> PageModel? {
        let rotation: RotationModel?
        if let rotationID {
            rotation = try await RotationModel.find(rotationID, on: tx)
        } else {
            rotation = try await RotationModel.query(on: tx).filter(\.$afterHours == true).sort(\.$name).first()
        }
        let notifier = Notifier(db: tx, services: services)
        let managers = try await notifier.staff(roles: ["service_manager"]).map { $0.id!.uuidString }
        var core: Rotation?
        if let rotation { core = try await OnCallService(db: tx, services: services).core(rotation) }
        let chain = PageChain.build(rotation: core, at: now, managers: managers)
        guard !chain.isEmpty else {
            events.record(.pageSent, summary: "Nobody to page (\(reason)): no rotation member or service manager")
            return nil
        }
        let page = PageModel()
        page.id = UUID()
        page.ticketID = ticket.id!
        page.rotationID = rotation?.id
        page.reason = reason
        page.chain = chain.joined(separator: ",")
        page.step = 0
        page.state = PageState.open.rawValue
        page.ackMinutes = rotation?.ackMinutes ?? 15
        page.ackDueAt = PageChain.acknowledgeBy(sentAt: now, minutes: page.ackMinutes)
        page.sentAt = now
        try await page.create(on: tx)
        let name = try await deliver(page, ticket: ticket, now: now, on: tx)
        events.record(
            .pageSent, summary: "Paged \(name) (\(reason)); acknowledge within \(page.ackMinutes) min",
            after: ["pageID": page.id!.uuidString, "to": page.current!.uuidString, "rotation": rotation?.name ?? ""])
        return page
    }

    /// The open pages for the signed-in person, or all pages of a ticket.
    func pages(for principal: Principal, ticketID: UUID? = nil, openOnly: Bool = false) async throws -> [PageResponse] {
        try principal.requireStaff("page")
        var query = PageModel.query(on: db)
        if let ticketID { query = query.filter(\.$ticketID == ticketID) }
        if openOnly { query = query.filter(\.$state == PageState.open.rawValue) }
        var rows = try await query.sort(\.$sentAt, .descending).limit(200).all()
        if ticketID == nil { rows = rows.filter { $0.current == principal.userID || !openOnly } }
        return try await responses(rows)
    }

    enum Answer: String { case acknowledge, elect, decline }

    /// The person paged answers; a service manager (queues.manage) may answer for them.
    func answer(_ id: UUID?, _ answer: Answer, reason: String?, by principal: Principal) async throws -> PageResponse {
        try principal.requireStaff("page")
        if answer == .decline {
            var check = FieldChecker()
            check.required(reason, "reason", max: 2_000)
            try check.check()
        }
        guard let id, let found = try await PageModel.find(id, on: db) else { throw Problem.notFound("page") }
        let number = try await TicketModel.find(found.ticketID, on: db).map { TicketNumber.format($0.number) } ?? ""
        let now = services.clock.now()
        _ = try await TicketService(db: db, services: services).mutate(number, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let page = try await PageModel.find(id, on: tx) else { throw Problem.notFound("page") }
            guard try page.typedState == .open else {
                throw Problem(.conflict, "page-answered", "Page already answered", detail: "This page is \(page.state).")
            }
            guard page.current == principal.userID || principal.can(.queuesManage) else {
                throw Problem(
                    .forbidden, "not-paged", "Not your page",
                    detail: "Only the person paged now, or a service manager, can answer this page.")
            }
            switch answer {
            case .acknowledge:
                page.state = PageState.acknowledged.rawValue
                events.record(.pageAcknowledged, summary: "\(principal.name) acknowledged the page")
            case .elect:
                let assigneeName = try await ticket.assigneeID.asyncFlatMap { try await UserModel.find($0, on: tx)?.name }
                let now = events.at
                try ticket.change(&events) { t in
                    try t.take(by: principal.userID, name: principal.name, assigneeName: assigneeName, now: now)
                        + t.changeSource(to: .afterHoursOnCall)
                }
                page.state = PageState.elected.rawValue
                events.record(.pageAcknowledged, summary: "\(principal.name) elected remote resolution")
                try await endSettled(
                    ticket, takenBy: principal.name, except: page.id, now: now, on: tx, events: &events)
            case .decline:
                let reason = try reason.required("reason").trimmed
                events.record(
                    .pageDeclined, summary: "\(principal.name) declined the page: \(reason)", after: ["reason": reason])
                try await move(page, ticket: ticket, why: "\(principal.name) declined", now: now, on: tx, events: &events)
            }
            if answer != .decline {
                page.answeredAt = now
                page.answeredBy = principal.userID
                page.ackDueAt = nil
            }
            try await page.update(on: tx)
        }
        guard let page = try await PageModel.find(id, on: db) else { throw Problem.notFound("page") }
        return try await responses([page])[0]
    }

    /// Moves every page whose acknowledgement time has passed one step up its chain; returns how many moved.
    /// Each runs under its ticket's lock with the page claimed `FOR UPDATE SKIP LOCKED`, so with several
    /// servers each expiry is handled once.
    func advanceExpired(now: Date) async throws -> Int {
        try await services.gate.transaction(on: db) { tx in
            let sql = try tx.sql
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            struct Row: Decodable { var id: UUID; var ticket_id: UUID }
            let rows = try await sql.raw(
                """
                SELECT id, ticket_id FROM pages WHERE state = 'open' AND ack_due_at <= \(bind: now)
                ORDER BY ack_due_at LIMIT 100\(unsafeRaw: lock)
                """
            ).all(decoding: Row.self)
            for row in rows {
                try await TicketLoader(db: tx).lock(row.ticket_id)
                guard let page = try await PageModel.find(row.id, on: tx), try page.typedState == .open,
                    let ticket = try await TicketModel.find(row.ticket_id, on: tx)
                else { continue }
                var events = EventRecorder(system: "Mend paging", at: now)
                let statusBefore = ticket.status
                // A page whose ticket someone now works has nothing left to ask of anyone up the chain.
                if let why = PageRule.endReason(for: try ticket.aggregate()) {
                    end(page, why: why, now: now, events: &events)
                    try await page.update(on: tx)
                    try await TicketWriter.commit(
                        ticket, events: events, statusBefore: statusBefore, replayClocks: false, now: now, on: tx,
                        services: services)
                    continue
                }
                let who =
                    try await Notifier(db: tx, services: services).staff(ids: [page.current].compactMap { $0 }).first?.name
                    ?? "the person paged"
                try await move(
                    page, ticket: ticket, why: "no acknowledgement from \(who) in \(page.ackMinutes) min", now: now, on: tx,
                    events: &events)
                try await page.update(on: tx)
                try await TicketWriter.commit(
                    ticket, events: events, statusBefore: statusBefore, replayClocks: false, now: now, on: tx, services: services)
            }
            return rows.count
        }
    }

    /// One step up the chain, or the end of it.
    private func move(
        _ page: PageModel, ticket: TicketModel, why: String, now: Date, on tx: any Database, events: inout EventRecorder
    ) async throws {
        guard let next = PageChain.next(after: page.step, chainLength: page.people.count) else {
            page.state = PageState.unanswered.rawValue
            page.ackDueAt = nil
            events.record(.pageMoved, summary: "Page unanswered: \(why), and nobody is left in the chain")
            let managers = try await Notifier(db: tx, services: services).staff(roles: ["service_manager"])
            try await Notifier(db: tx, services: services).send(
                to: managers, ticket: ticket, kind: "page_unanswered", title: "Unanswered page: \(Notifier.label(ticket))",
                body: "Nobody acknowledged the page (\(page.reason)).", urgent: true, now: now)
            return
        }
        page.step = next
        page.ackDueAt = PageChain.acknowledgeBy(sentAt: now, minutes: page.ackMinutes)
        let name = try await deliver(page, ticket: ticket, now: now, on: tx)
        events.record(
            .pageMoved, summary: "Page moved to \(name): \(why)",
            after: ["pageID": page.id!.uuidString, "to": page.current?.uuidString ?? "", "step": String(next)])
    }

    /// Ends the ticket's open pages (but `except`) once they no longer matter (MendCore `PageRule`), each with an
    /// event; `takenBy` names an engineer who just took the ticket. The caller holds the ticket's lock.
    func endSettled(
        _ ticket: TicketModel, takenBy: String? = nil, except: UUID? = nil, now: Date, on tx: any Database,
        events: inout EventRecorder
    ) async throws {
        guard let why = PageRule.endReason(for: try ticket.aggregate(), takenBy: takenBy) else { return }
        // Most moves into work find no open page: a one-column look spares loading page models for nothing.
        struct Open: Decodable { var id: UUID }
        let any = try await tx.sql.raw(
            "SELECT id FROM pages WHERE ticket_id = \(bind: try ticket.requireID()) AND state = \(bind: PageState.open.rawValue) LIMIT 1"
        ).first(decoding: Open.self)
        guard any != nil else { return }
        let open = try await PageModel.query(on: tx).filter(\.$ticketID == ticket.requireID())
            .filter(\.$state == PageState.open.rawValue).all()
        for page in open where page.id != except {
            end(page, why: why, now: now, events: &events)
            try await page.update(on: tx)
        }
    }

    private func end(_ page: PageModel, why: String, now: Date, events: inout EventRecorder) {
        page.state = PageState.ended.rawValue
        page.ackDueAt = nil
        page.answeredAt = now
        events.record(
            .pageEnded, summary: "Page ended: \(why)", after: ["pageID": page.id?.uuidString ?? "", "why": why])
    }

    /// Notifies the person the page is with now; pages ignore working hours. Returns their name.
    private func deliver(_ page: PageModel, ticket: TicketModel, now: Date, on tx: any Database) async throws -> String {
        let notifier = Notifier(db: tx, services: services)
        let person = try await notifier.staff(ids: [page.current.guaranteed("the paged person")])
        try await notifier.send(
            to: person, ticket: ticket, kind: "page", title: "Page: \(Notifier.label(ticket))",
            body: "\(page.reason). Acknowledge within \(page.ackMinutes) min, take the ticket, or decline with a reason.",
            urgent: true, now: now)
        return person.first?.name ?? "an inactive user"
    }

    private func names(_ ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await UserModel.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(users.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func responses(_ rows: [PageModel]) async throws -> [PageResponse] {
        let ids = Set(rows.flatMap { $0.people + [$0.answeredBy].compactMap { $0 } })
        let names = try await names(Array(ids))
        let tickets = try await TicketModel.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.ticketID)))).all()
        let byID = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, $0) })
        func person(_ id: UUID?) -> PageResponse.Person? {
            id.map { PageResponse.Person(id: $0, name: names[$0] ?? "unknown") }
        }
        return rows.map { row in
            let ticket = byID[row.ticketID]
            return PageResponse(
                id: row.id!, ticket: ticket.map { TicketNumber.format($0.number) } ?? "", ticketSummary: ticket?.summary ?? "",
                priority: ticket?.priority ?? "", reason: row.reason, state: row.state,
                current: row.state == PageState.open.rawValue ? person(row.current) : nil, chain: row.people.compactMap(person),
                step: row.step,
                ackMinutes: row.ackMinutes, ackDueAt: row.ackDueAt, sentAt: row.sentAt, answeredAt: row.answeredAt,
                answeredBy: person(row.answeredBy))
        }
    }
}
