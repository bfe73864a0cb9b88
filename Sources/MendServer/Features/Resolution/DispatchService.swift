import Fluent
import Foundation
import MendCore
import SQLKit

/// 04c.04: onsite visits booked and moved without double booking, check-in and check-out as time, and the board.
struct DispatchService {
    let db: any Database
    let services: MendServices

    /// The longest span one board shows: two weeks.
    static let maxDays = 14

    func visits(_ reference: String, for principal: Principal) async throws -> [AppointmentResponse] {
        try principal.requireStaff("ticket")
        return try await visits(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    func visits(of ticket: TicketModel) async throws -> [AppointmentResponse] {
        try await AppointmentModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$startsAt).all()
            .map { Self.response($0, number: ResolutionSupport.number(ticket), summary: nil) }
    }

    /// Books a visit; the engineer must be free for the whole window, and the ticket becomes Onsite Scheduled.
    func book(_ reference: String, _ request: AppointmentRequest, by principal: Principal) async throws
        -> AppointmentResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        var check = FieldChecker()
        check.length(request.note, "note", max: 2_000)
        try check.check()
        let window = try Appointment(
            engineer: request.engineerID?.uuidString, startsAt: request.startsAt, endsAt: request.endsAt)
        let engineer = try await Self.engineer(request.engineerID, on: db)
        let now = services.clock.now()
        let row = AppointmentModel()
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ResolutionSupport.requireOpen(ticket, "An onsite visit")
            let site = try await Self.site(request.siteID ?? ticket.siteID, for: ticket, explicit: request.siteID != nil, on: tx)
            try await Self.checkFree(window, engineerID: engineer.id!, except: nil, on: tx)
            row.id = UUID()
            row.ticketID = ticket.id!
            row.engineerID = engineer.id!
            row.engineerName = engineer.name
            row.siteID = site?.id
            row.siteName = site?.name ?? "Client premises"
            row.startsAt = window.startsAt
            row.endsAt = window.endsAt
            row.state = Appointment.State.scheduled.rawValue
            row.note = request.note.nonEmpty
            row.createdAt = now
            try await row.create(on: tx)
            events.record(
                .appointmentBooked, .onstage,
                summary: "Onsite visit booked: \(engineer.name) at \(row.siteName), "
                    + "\(UTCText.format(window.startsAt)) to \(UTCText.format(window.endsAt))",
                after: [
                    "engineer": engineer.name, "site": row.siteName, "startsAt": UTCText.format(window.startsAt),
                    "endsAt": UTCText.format(window.endsAt),
                ])
            try ResolutionSupport.enter(ticket, waiting: .onsiteScheduled, detail: "visit booked", events: &events)
        }
        return Self.response(row, number: ResolutionSupport.number(ticket), summary: nil)
    }

    /// Moves a scheduled visit to another engineer or window; the engineer must be free for the new window.
    func move(_ reference: String, visit id: UUID, _ request: AppointmentMoveRequest, by principal: Principal) async throws
        -> AppointmentResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let box = Box<AppointmentModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let row = try await AppointmentModel.find(id, on: tx), row.ticketID == ticket.id else {
                throw Problem.notFound("visit")
            }
            try ResolutionSupport.requireOpen(ticket, "Moving a visit")
            // The visit is found first: an unknown visit is 404 whatever the body names.
            let newEngineer = try await request.engineerID.asyncMap { try await Self.engineer($0, on: tx) }
            var visit = try Appointment(
                engineer: row.engineerID.uuidString, startsAt: row.startsAt, endsAt: row.endsAt,
                state: try StoredValue.read(Appointment.State.self, row.state, column: "state"))
            let before = (engineer: row.engineerName, startsAt: row.startsAt, endsAt: row.endsAt)
            try visit.move(engineer: newEngineer?.id?.uuidString, startsAt: request.startsAt, endsAt: request.endsAt)
            let engineerID = newEngineer?.id ?? row.engineerID
            try await Self.checkFree(visit, engineerID: engineerID, except: row.id, on: tx)
            row.engineerID = engineerID
            row.engineerName = newEngineer?.name ?? row.engineerName
            row.startsAt = visit.startsAt
            row.endsAt = visit.endsAt
            try await row.update(on: tx)
            events.record(
                .appointmentChanged, .onstage,
                summary: "Onsite visit moved: \(row.engineerName) at \(row.siteName), "
                    + "\(UTCText.format(visit.startsAt)) to \(UTCText.format(visit.endsAt)) "
                    + "(was \(before.engineer), \(UTCText.format(before.startsAt)))",
                before: [
                    "engineer": before.engineer, "startsAt": UTCText.format(before.startsAt),
                    "endsAt": UTCText.format(before.endsAt),
                ],
                after: [
                    "engineer": row.engineerName, "startsAt": UTCText.format(visit.startsAt),
                    "endsAt": UTCText.format(visit.endsAt),
                ])
            box.value = row
        }
        return try Self.response(
            box.value.guaranteed("the record written"), number: ResolutionSupport.number(ticket), summary: nil)
    }

    /// The ticket a visit belongs to, for pages that name only the visit (the dispatch board).
    func ticketReference(ofVisit id: UUID) async throws -> String {
        guard let row = try await AppointmentModel.find(id, on: db), let ticket = try await TicketModel.find(row.ticketID, on: db)
        else { throw Problem.notFound("visit") }
        return ResolutionSupport.number(ticket)
    }

    enum Step: String { case checkIn = "check-in", checkOut = "check-out", cancel }

    /// Checks in, checks out or cancels a visit; check-in and check-out write the travel and onsite time.
    func step(
        _ step: Step, _ reference: String, visit id: UUID, travelMinutes: Int?, reason: String? = nil,
        by principal: Principal
    ) async throws -> AppointmentResponse {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let now = services.clock.now()
        let box = Box<AppointmentModel?>(nil)
        let ticket = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            guard let row = try await AppointmentModel.find(id, on: tx), row.ticketID == ticket.id else {
                throw Problem.notFound("visit")
            }
            var visit = try Appointment(
                engineer: row.engineerID.uuidString, startsAt: row.startsAt, endsAt: row.endsAt,
                state: try StoredValue.read(Appointment.State.self, row.state, column: "state"))
            let engineer = (id: row.engineerID, name: row.engineerName)
            var times: [OnsiteTime] = []
            switch step {
            case .checkIn:
                try ResolutionSupport.requireOpen(ticket, "A check-in")
                var check = FieldChecker()
                check.length(reason, "reason", max: 500)
                try check.check()
                if let travel = try visit.checkIn(at: now, travelMinutes: travelMinutes, reason: reason) {
                    times.append(travel)
                }
                row.checkedInAt = now
                try ResolutionSupport.leave(
                    ticket, waiting: .onsiteScheduled, detail: "\(row.engineerName) on site", events: &events)
            case .checkOut:
                times = try visit.checkOut(checkedInAt: row.checkedInAt ?? now, at: now, travelMinutes: travelMinutes)
                row.checkedOutAt = now
            case .cancel:
                try visit.cancel()
                let others = try await AppointmentModel.query(on: tx).filter(\.$ticketID == ticket.id!)
                    .filter(\.$state == Appointment.State.scheduled.rawValue).filter(\.$id != row.id!).count()
                if others == 0 {
                    try ResolutionSupport.leave(ticket, waiting: .onsiteScheduled, detail: "visit cancelled", events: &events)
                }
            }
            row.state = visit.state.rawValue
            try await row.update(on: tx)
            // A check-in well before the window says why, where everyone reading the history sees it.
            let early = step == .checkIn ? reason.nonEmpty.map { " (early: \($0))" } ?? "" : ""
            events.record(
                .appointmentChanged, .onstage, summary: "Onsite visit of \(row.engineerName): \(visit.state.title)\(early)",
                after: ["state": visit.state.rawValue].merging(reason.nonEmpty.map { ["reason": $0] } ?? [:]) { a, _ in a })
            for time in times {
                try await ResolutionSupport.logTime(
                    time.minutes, time.kind, startedAt: time.startedAt, note: "Onsite visit at \(row.siteName)",
                    engineer: engineer, on: ticket, now: now, db: tx, events: &events)
            }
            box.value = row
        }
        return try Self.response(
            box.value.guaranteed("the record written"), number: ResolutionSupport.number(ticket), summary: nil)
    }

    /// Each field engineer's visits over `days` days from `day`, midnight to midnight in `zone` (the API's is UTC;
    /// a page's is its reader's), earliest first.
    func board(day: String?, days: Int = 1, zone: TimeZone = TimeZone(identifier: "UTC")!, for principal: Principal)
        async throws -> DispatchBoardResponse
    {
        try principal.requireStaff("dispatch board")
        guard (1...Self.maxDays).contains(days) else {
            throw Problem.invalid("days", "must be between 1 and \(Self.maxDays)")
        }
        let date: LocalDate
        if let day {
            guard let parsed = LocalDate(day) else {
                throw Problem.invalid("date", "must be a date such as 2026-11-27")
            }
            date = parsed
        } else {
            let now = services.clock.now()
            date = Self.day(of: now, in: zone)
        }
        let start = Self.start(of: date, in: zone)
        let end = Self.start(of: date.adding(days: days), in: zone)
        let rows = try await AppointmentModel.query(on: db).filter(\.$startsAt < end).filter(\.$endsAt > start)
            .filter(\.$state != Appointment.State.cancelled.rawValue).sort(\.$startsAt).all()
        let tickets = try await TicketModel.query(on: db).filter(\.$id ~~ Set(rows.map(\.ticketID))).all()
        let byTicket = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id!, $0) })
        let engineers = try await UserModel.query(on: db).filter(\.$active == true).filter(\.$companyID == nil)
            .filter(\.$roleKey ~~ RoleDefinition.fieldRoles).sort(\.$name).all()
        var seen = Set(engineers.map { $0.id! })
        var people = engineers.map { (id: $0.id!, name: $0.name) }
        for row in rows where seen.insert(row.engineerID).inserted { people.append((row.engineerID, row.engineerName)) }
        return DispatchBoardResponse(
            date: date.description, days: days, timezone: zone.identifier,
            engineers: people.map { person in
                .init(
                    engineerID: person.id, engineerName: person.name,
                    visits: rows.filter { $0.engineerID == person.id }.map { row in
                        let ticket = byTicket[row.ticketID]
                        return Self.response(
                            row, number: ticket.map(ResolutionSupport.number) ?? "", summary: ticket?.summary)
                    })
            })
    }

    /// The calendar day `instant` falls on in `zone`.
    static func day(of instant: Date, in zone: TimeZone) -> LocalDate {
        LocalDate(
            daysSinceEpoch: Int(
                ((instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))) / 86_400).rounded(.down)))
    }

    /// Midnight starting `day` in `zone` (a day of 23 or 25 hours where the clocks change).
    static func start(of day: LocalDate, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            ?? Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400))
    }

    /// An active staff member who can be sent on a visit.
    private static func engineer(_ id: UUID?, on db: any Database) async throws -> UserModel {
        guard let engineer = try await UserModel.find(id, on: db), engineer.active, engineer.companyID == nil else {
            throw Problem.invalid("engineerID", "is not an active staff member")
        }
        return engineer
    }

    /// Refuses a window that double-books the engineer; `except` is the visit being moved.
    private static func checkFree(_ window: Appointment, engineerID: UUID, except: UUID?, on tx: any Database)
        async throws
    {
        // Two bookings for one engineer on different tickets lock different tickets: the engineer's row
        // serialises them, so the overlap check sees the other booking (PostgreSQL; SQLite writes one at a time).
        if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.select().column("id").from("users").where("id", .equal, engineerID).for(.update).all()
        }
        let query = AppointmentModel.query(on: tx).filter(\.$engineerID == engineerID)
            .filter(\.$startsAt < window.endsAt).filter(\.$endsAt > window.startsAt)
        if let except { query.filter(\.$id != except) }
        try window.checkNoDoubleBooking(
            against: try await query.all().compactMap {
                try? Appointment(
                    engineer: $0.engineerID.uuidString, startsAt: $0.startsAt, endsAt: $0.endsAt,
                    state: try StoredValue.read(Appointment.State.self, $0.state, column: "state"))
            })
    }

    private static func site(_ id: UUID?, for ticket: TicketModel, explicit: Bool, on db: any Database) async throws
        -> SiteModel?
    {
        guard let id else { return nil }
        guard let site = try await SiteModel.find(id, on: db), site.companyID == ticket.companyID else {
            if explicit { throw Problem.invalid("siteID", "is not a site of the ticket's company") }
            return nil
        }
        return site
    }

    static func response(_ row: AppointmentModel, number: String, summary: String?) -> AppointmentResponse {
        AppointmentResponse(
            id: row.id!, ticket: number, ticketSummary: summary, engineerID: row.engineerID, engineerName: row.engineerName,
            siteID: row.siteID, siteName: row.siteName, startsAt: row.startsAt, endsAt: row.endsAt, state: row.state,
            note: row.note, checkedInAt: row.checkedInAt, checkedOutAt: row.checkedOutAt)
    }
}
