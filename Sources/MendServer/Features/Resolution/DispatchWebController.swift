import Foundation
import MendCore
import Vapor

/// The dispatch board: the field engineers' visits by day or by week in the reader's zone, with a visit booked for any
/// ticket and a scheduled visit moved to another engineer or window from the board itself.
struct DispatchWebController: RouteCollection {
    enum Span: String {
        case day, week

        var days: Int { self == .day ? 1 : 7 }
    }

    struct Page: Encodable {
        struct Row: Encodable {
            var engineer: String
            var visits: [Visit]
            /// The week view's cells, Monday to Sunday.
            var days: [[Visit]]
        }

        struct Visit: Encodable {
            var id: String
            var time: String
            var ticket: String
            var summary: String
            var site: String
            var state: String
            var stateKey: String
            var movable: Bool
            var startsAt: String
            var endsAt: String
            var engineerID: String
            var engineers: [Option]
        }

        struct Day: Encodable {
            var date: String
            var label: String
            var today: Bool
        }

        var layout: LayoutContext
        var view: String
        var date: String
        var title: String
        var previous: String
        var next: String
        var here: String
        var days: [Day]
        var rows: [Row]
        var total: Int
        var engineers: [Option]
        var bookStartsAt: String
        var bookEndsAt: String
        var notice: String?
        var refusal: FormRefusal.View?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("dispatch", use: show)
        routes.post("dispatch", "visits", use: book)
        routes.post("dispatch", "visits", ":visitID", use: move)
    }

    func show(req: Request) async throws -> Response {
        let principal = try req.principal()
        let span = Span(rawValue: (try? req.query.get(String.self, at: "view")) ?? "") ?? .day
        let asked = (try? req.query.get(String.self, at: "date")).flatMap(LocalDate.init)
        if (try? req.query.get(String.self, at: "date")) != nil, asked == nil { return req.redirect(to: "/dispatch") }
        let zone = WebFormat.zone.timeZone
        let now = req.mend.clock.now()
        let today = DispatchService.day(of: now, in: zone)
        let chosen = asked ?? today
        let first = span == .week ? chosen.monday : chosen
        let board = try await req.dispatch.board(day: first.description, days: span.days, zone: zone, for: principal)
        let here = Self.address(span, chosen)
        let refusal = req.takeRefusal(for: here)
        let people = board.engineers.map { (id: $0.engineerID.uuidString, name: $0.engineerName) }
        let days = (0..<span.days).map { offset in
            let day = first.adding(days: offset)
            return Page.Day(date: day.description, label: Self.dayLabel(day), today: day == today)
        }
        let rows = try board.engineers.map { row in
            let visits = try row.visits.map { visit in
                // A refused move shows the engineer it asked for.
                let asked = refusal?.row == visit.id.uuidString ? refusal?.fields["engineerID"] : nil
                return try Self.visit(visit, engineers: people, chosen: asked ?? visit.engineerID.uuidString)
            }
            let byDay = zip(row.visits, visits).reduce(into: [String: [Page.Visit]]()) { cells, pair in
                cells[DispatchService.day(of: pair.0.startsAt, in: zone).description, default: []].append(pair.1)
            }
            return Page.Row(engineer: row.engineerName, visits: visits, days: days.map { byDay[$0.date] ?? [] })
        }
        // A new booking starts at 09:00 of the first day shown, for two hours, unless a refused one is being retried.
        let nine = DispatchService.start(of: first, in: zone).addingTimeInterval(9 * 3_600)
        let notice: String? =
            switch try? req.query.get(String.self, at: "done") {
            case "booked": "Visit booked; the ticket is now Onsite Scheduled."
            case "moved": "Visit moved; the ticket's history says from where."
            default: nil
            }
        let page = Page(
            layout: LayoutContext(req, title: "Dispatch board"), view: span.rawValue, date: chosen.description,
            title: span == .day
                ? Self.dayLabel(chosen) : "Week of \(Self.dayLabel(first)) to \(Self.dayLabel(first.adding(days: 6)))",
            previous: chosen.adding(days: -span.days).description, next: chosen.adding(days: span.days).description,
            here: here, days: days, rows: rows, total: rows.reduce(0) { $0 + $1.visits.count },
            engineers: people.map { Option(value: $0.id, label: $0.name, selected: $0.id == refusal?.fields["engineerID"]) },
            bookStartsAt: FormTime.format(nine), bookEndsAt: FormTime.format(nine.addingTimeInterval(7_200)),
            notice: refusal == nil ? notice : nil, refusal: refusal?.view)
        return try await req.view.render("resolution/dispatch", page).encodeResponse(for: req)
    }

    /// Books a visit for the ticket typed in, and goes back to the board it was booked from.
    func book(req: Request) async throws -> Response {
        let form = try req.content.decode(ResolutionWebController.Form.self)
        let back = Self.back(req)
        return try await req.runForm(backTo: back) {
            let ticket = try await Self.ticketNumber(req)
            _ = try await req.dispatch.book(ticket, try form.visit(), by: try req.principal())
            return Self.done(back, "booked")
        }
    }

    /// Moves a scheduled visit to the engineer and window chosen on the board.
    func move(req: Request) async throws -> Response {
        let form = try req.content.decode(ResolutionWebController.Form.self)
        let back = Self.back(req)
        return try await req.runForm(backTo: back) {
            let visit = try req.idParameter("visitID", "visit")
            let ticket = try await req.dispatch.ticketReference(ofVisit: visit)
            // Only what was changed moves: a new start with the end left as it was keeps the visit's length.
            func changed(_ field: String, _ value: String?) -> String? {
                value == (try? req.content.get(String.self, at: "was-" + field)) ? nil : value
            }
            _ = try await req.dispatch.move(
                ticket, visit: visit,
                AppointmentMoveRequest(
                    engineerID: try form.uuid(changed("engineerID", form.engineerID), "engineerID"),
                    startsAt: try FormTime.parse(changed("startsAt", form.startsAt), "startsAt"),
                    endsAt: try FormTime.parse(changed("endsAt", form.endsAt), "endsAt")),
                by: try req.principal())
            return Self.done(back, "moved")
        }
    }

    /// The ticket named in the booking form: its number as people write it (`T-000123`, `123`).
    private static func ticketNumber(_ req: Request) async throws -> String {
        let text = ((try? req.content.get(String.self, at: "ticket")) ?? "").trimmed
        guard !text.isEmpty else { throw Problem.invalid("ticket", "is required: the ticket's number, such as T-000123") }
        guard TicketNumber.parse(text) != nil else {
            throw Problem.invalid("ticket", "must be a ticket number such as T-000123")
        }
        return text
    }

    /// The board a form was sent from, rebuilt from its checked `view` and `date` so it can only name the board.
    private static func back(_ req: Request) -> String {
        let span = Span(rawValue: (try? req.content.get(String.self, at: "view")) ?? "") ?? .day
        let date = ((try? req.content.get(String.self, at: "date")).flatMap(LocalDate.init))
        return date.map { address(span, $0) } ?? "/dispatch"
    }

    private static func address(_ span: Span, _ date: LocalDate) -> String {
        "/dispatch?view=\(span.rawValue)&date=\(date.description)"
    }

    private static func done(_ back: String, _ what: String) -> String {
        back + (back.contains("?") ? "&" : "?") + "done=" + what
    }

    private static func visit(_ visit: AppointmentResponse, engineers: [(id: String, name: String)], chosen: String) throws
        -> Page.Visit
    {
        let state = try StoredValue.read(Appointment.State.self, visit.state, column: "state")
        return Page.Visit(
            id: visit.id.uuidString, time: "\(clock(visit.startsAt))–\(clock(visit.endsAt))", ticket: visit.ticket,
            summary: visit.ticketSummary ?? "", site: visit.siteName, state: state.title, stateKey: visit.state,
            movable: state == .scheduled, startsAt: FormTime.format(visit.startsAt), endsAt: FormTime.format(visit.endsAt),
            engineerID: visit.engineerID.uuidString,
            engineers: engineers.map {
                Option(value: $0.id, label: $0.name, selected: $0.id == chosen)
            })
    }

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mon 7 Dec".
    private static func dayLabel(_ day: LocalDate) -> String {
        "\(weekdays[day.weekdayIndex]) \(day.day) \(months[day.month - 1])"
    }

    private static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = WebFormat.zone.timeZone
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date)
    }
}
