import Fluent
import MendCore
import Vapor

/// The ticket page's CSR handoff form and the handoff report.
struct HandoffWebController: RouteCollection {
    struct ReportPage: Encodable {
        var layout: LayoutContext
        var report: HandoffReportResponse
        var from: String
        var to: String
        var rows: [Row]
        var error: String?

        struct Row: Encodable {
            var ticket: String
            var summary: String
            var priority: String
            var status: String
            var opened: String
            var handoff: String
            var minutes: String
            var csr: String
            var late: Bool
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("tickets", ":number", "handoff", use: handoff)
        routes.get("reports", "handoffs", use: report)
    }

    func handoff(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await TicketWebController().act(req) { number, principal in
            let ticket = try await req.tickets.loader.find(number, for: principal)
            let zone =
                SlaRefresh.snapshot(of: ticket).flatMap { try? req.mend.sla.calendar($0.calendar).0.timezone } ?? "UTC"
            var eta: Date?
            if let text = form["eta"].nonEmpty {
                eta = Self.localTime(text, zone: zone) ?? CalendarInstant.parse(text)
                if eta == nil { throw Problem.invalid("eta", "must be a date and time such as 2026-12-01T14:30") }
            }
            _ = try await req.handoffs.record(
                number, HandoffRequest(expectation: form["expectation"], eta: eta), by: principal)
        }
    }

    func report(req: Request) async throws -> Response {
        let principal = try req.principal()
        let now = req.mend.clock.now()
        let fromText = (try? req.query.get(String.self, at: "from")) ?? ""
        let toText = (try? req.query.get(String.self, at: "to")) ?? ""
        var error: String?
        func day(_ text: String, _ fallback: Date) -> Date {
            guard !text.isEmpty else { return fallback }
            guard LocalDate(text) != nil, let date = CalendarInstant.parse(text + "T00:00:00Z") else {
                error = "Dates are like 2026-11-01; showing the last 30 days."
                return fallback
            }
            return date
        }
        var to = day(toText, now)
        var from = day(fromText, to.addingTimeInterval(-30 * 86_400))
        if !toText.isEmpty, error == nil { to = to.addingTimeInterval(86_400) }  // the whole last day
        if from >= to {
            error = "From must be before to; showing the last 30 days."
            (from, to) = (now.addingTimeInterval(-30 * 86_400), now)
        }
        let report = try await req.handoffs.report(from: from, to: to, for: principal)
        let page = ReportPage(
            layout: LayoutContext(req, title: "CSR handoffs"), report: report, from: Self.dayText(from),
            to: Self.dayText(to.addingTimeInterval(-1)),
            rows: report.items.map { item in
                ReportPage.Row(
                    ticket: item.ticket, summary: item.summary, priority: item.priority.uppercased(),
                    status: TicketStatus(rawValue: item.status)?.title ?? item.status, opened: WebFormat.time(item.openedAt),
                    handoff: item.handoffAt.map(WebFormat.time) ?? "missing",
                    minutes: item.minutesToHandoff.map { WebFormat.minutes($0) } ?? "",
                    csr: item.csrName ?? "", late: (item.minutesToHandoff ?? Int.max) > report.reminderMinutes)
            }, error: error)
        return try await req.renderPage("reports/handoffs", page, status: error == nil ? .ok : .unprocessableEntity)
    }

    /// A `datetime-local` value read in the client's zone.
    static func localTime(_ text: String, zone: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        return formatter.date(from: text)
    }

    static func dayText(_ date: Date) -> String { LocalDate(date).description }
}
