import Fluent
import MendCore
import Vapor

/// The notifications page and its forms: answering pages, marking notifications read, working hours.
struct NotificationWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: show)
        routes.post("notifications", "read-all", use: readAll)
        routes.post("notifications", ":notificationID", "read", use: read)
        routes.post("notifications", "working-hours", use: workingHours)
        routes.post("pages", ":pageID", ":answer", use: answer)
    }

    func show(req: Request) async throws -> View {
        let refusal = req.takeRefusal(for: "/notifications")
        let form = refusal?.form == "workingHours" ? refusal?.fields : nil
        var page = try await page(
            req, form: form, errors: refusal?.problems(orUnder: form == nil ? "page" : "workingHours") ?? [])
        page.refusal = refusal?.view
        return try await req.view.render("notifications", page)
    }

    func readAll(req: Request) async throws -> Response {
        _ = try await req.notifications.markAllRead(by: try req.principal())
        return req.redirect(to: "/notifications")
    }

    func read(req: Request) async throws -> Response {
        let principal = try req.principal()
        try await req.notifications.markRead(req.parameters.get("notificationID").flatMap(UUID.init(uuidString:)), by: principal)
        let form = try? req.content.decode([String: String].self)
        if let ticket = form?["ticket"], TicketNumber.parse(ticket) != nil { return req.redirect(to: "/tickets/\(ticket)") }
        return req.redirect(to: "/notifications")
    }

    func workingHours(req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        do {
            let calendar: Any = form["always"] != nil ? NSNull() : CalendarForm.object(from: form)
            _ = try await req.notifications.setWorkingHours(calendar, by: principal)
            return req.redirect(to: "/notifications?saved=1")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity else { throw error }
            return req.refuse(problem, backTo: "/notifications")
        }
    }

    /// Acknowledge, elect (take the ticket) or decline (with a reason) a page from the page card.
    func answer(req: Request) async throws -> Response {
        let principal = try req.principal()
        let id = req.parameters.get("pageID").flatMap(UUID.init(uuidString:))
        guard let answer = req.parameters.get("answer").flatMap(PageService.Answer.init(rawValue:)) else {
            throw Problem.notFound("page")
        }
        let form = try? req.content.decode([String: String].self)
        do {
            let page = try await req.paging.answer(id, answer, reason: form?["reason"], by: principal)
            return req.redirect(to: answer == .elect ? "/tickets/\(page.ticket)" : "/notifications")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity || problem.status == .conflict || problem.status == .forbidden else {
                throw error
            }
            return req.refuse(problem, backTo: "/notifications")
        }
    }

    private func page(_ req: Request, form: [String: String]?, errors: [FieldProblem]) async throws -> NotificationsPage {
        let principal = try req.principal()
        let list = try await req.notifications.list(for: principal, unreadOnly: false, limit: 100)
        let pages = try await req.paging.pages(for: principal, openOnly: true)
        let hours = try await req.notifications.workingHours(for: principal)
        return NotificationsPage(
            layout: LayoutContext(req, title: "Notifications"),
            pages: pages.map { page in
                NotificationsPage.PageCard(
                    id: page.id.uuidString, ticket: page.ticket, summary: page.ticketSummary,
                    priority: page.priority.uppercased(), priorityLevel: Priority(rawValue: page.priority)?.level ?? 4,
                    reason: page.reason, ackBy: page.ackDueAt.map(WebFormat.time) ?? "",
                    chain: page.chain.map(\.name).joined(separator: " → "))
            },
            items: list.items.map { item in
                NotificationsPage.Item(
                    id: item.id.uuidString, title: WebFormat.readable(item.title), body: WebFormat.readable(item.body),
                    ticket: item.ticket,
                    when: WebFormat.time(item.deliveredAt), read: item.read)
            },
            unread: list.unread, alwaysAtWork: form.map { $0["always"] != nil } ?? (hours.workingHours == nil),
            timezone: form?["timezone"] ?? hours.workingHours?.timezone ?? "America/New_York",
            days: CalendarForm.days(hours.workingHours, form: form), errors: errors,
            notice: (try? req.query.get(String.self, at: "saved")) == "1" ? "Working hours saved." : nil)
    }
}
