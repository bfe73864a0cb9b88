import Fluent
import MendCore
import Vapor

/// Loads the client portal's pages: the company's tickets and one ticket, in the client's words and the reader's zone.
struct PortalPageQueries {
    let req: Request

    /// The list's views: open tickets (the default), those resolved or closed, or all.
    enum ListView: String, CaseIterable {
        case open, closed, all

        var title: String {
            switch self {
            case .open: "Open"
            case .closed: "Resolved and closed"
            case .all: "All"
            }
        }

        func includes(_ status: TicketStatus) -> Bool {
            switch self {
            case .open: status.isOpen
            case .closed: !status.isOpen
            case .all: true
            }
        }
    }

    func queue() async throws -> PortalQueuePage {
        let principal = try req.principal()
        let view = (try? req.query.get(String.self, at: "view")).flatMap(ListView.init(rawValue:)) ?? .open
        let mine = (try? req.query.get(String.self, at: "mine")) == "1"
        let text = ((try? req.query.get(String.self, at: "q")) ?? "").trimmed
        guard text.count <= 200 else { throw Problem.invalid("q", "must be at most 200 characters") }
        var filter = TicketFilter()
        filter.text = text.isEmpty ? nil : text
        if mine { filter.contact = principal.contactID.map { .contact($0) } ?? .noOne }
        let counts = try await req.tickets.search.statusCounts(filter, for: principal)
        switch view {
        case .open: filter.openOnly = true
        case .closed: filter.statuses = TicketStatus.allCases.filter { !$0.isOpen }
        case .all: break
        }
        let cursor = (try? req.query.get(String.self, at: "cursor")).flatMap { $0.isEmpty ? nil : $0 }
        let page = try await req.tickets.search.run(filter, sort: .newest, cursor: cursor, limit: 50, for: principal)
        let actions = try await PortalActions(db: req.db, now: req.mend.clock.now()).open(for: page.tickets)
        let company = try await principal.clientCompanyID.asyncMap { try await CompanyModel.find($0, on: req.db) }??.name
        var next: String?
        if let cursor = page.nextCursor {
            var components = URLComponents()
            components.queryItems =
                [
                    URLQueryItem(name: "view", value: view.rawValue), URLQueryItem(name: "cursor", value: cursor),
                ] + (mine ? [URLQueryItem(name: "mine", value: "1")] : [])
                + (text.isEmpty ? [] : [URLQueryItem(name: "q", value: text)])
            next = "/tickets" + (components.string ?? "")
        }
        return PortalQueuePage(
            layout: LayoutContext(req, title: mine ? "My tickets" : "Your tickets"), company: company ?? "",
            views: ListView.allCases.map { choice in
                PortalQueuePage.View(
                    key: choice.rawValue, title: choice.title,
                    count: counts.filter { choice.includes($0.key) }.values.reduce(0, +), selected: choice == view)
            },
            mine: mine, view: view.rawValue, text: text,
            rows: page.tickets.map { ticket in
                return PortalQueuePage.Row(
                    number: ticket.number, summary: ticket.summary, status: ClientView.status(ticket.status),
                    statusKey: ticket.status.rawValue, reportedBy: ticket.contactName ?? "",
                    opened: WebFormat.time(ticket.createdAt), updated: WebFormat.time(ticket.updatedAt),
                    needsYou: actions[ticket.id]?.first?.title ?? "")
            }, nextLink: next)
    }

    func ticket(_ number: String, refusal: FormRefusal?) async throws -> PortalTicketPage {
        let principal = try req.principal()
        let service = req.tickets
        let ticket = try await service.loader.find(number, for: principal)
        let response = try await service.loader.response(ticket)
        // The reader's zone: their own when they chose one, else their company's.
        let zone = WebFormat.zone.identifier
        let notes = try await service.notes(of: ticket, for: principal)
        let events = try await service.events(of: ticket, for: principal)
        let actions = try await PortalActions(db: req.db, now: req.mend.clock.now()).open(for: ticket)
        let survey = try await req.surveys.latest(of: ticket)
        let handoff = try await req.handoffs.handoff(of: ticket)

        let changes: [(at: Date, to: TicketStatus)] = events.filter { $0.kind == EventKind.statusChanged.rawValue }
            .compactMap { event in
                guard let text = event.after,
                    let after = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)),
                    let status = after["status"].flatMap(TicketStatus.init(rawValue:))
                else { return nil }
                return (event.at, status)
            }
        let milestones = ClientView.milestones(from: .new, changes: changes).map {
            (
                at: $0.at,
                entry: PortalTicketPage.Entry(
                    message: nil, milestone: .init(at: WebFormat.time($0.at), status: ClientView.status($0.status)))
            )
        }
        let messages = notes.map { note in
            (
                at: note.createdAt,
                entry: PortalTicketPage.Entry(
                    message: .init(
                        at: WebFormat.time(note.createdAt), author: note.authorName, body: note.body,
                        fromClient: note.authorID == principal.userID, isResolution: note.isResolution),
                    milestone: nil)
            )
        }
        let conversation = (milestones + messages).enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element.entry)
        var surveyAnswer: String?
        if let rating = survey?.rating {
            surveyAnswer = "You rated our handling \(rating)/5" + (survey?.comment.map { ": “\($0)”" } ?? "") + ". Thank you!"
        }
        return PortalTicketPage(
            layout: LayoutContext(req, title: "\(response.number) \(response.summary)"), number: response.number,
            summary: response.summary, description: response.description, status: ClientView.status(response.status),
            statusKey: response.status.rawValue, explanation: ClientView.explanation(response.status),
            priority: response.priority.title, reportedBy: response.contactName ?? "", engineer: response.assigneeName,
            opened: WebFormat.time(response.createdAt), zone: zone,
            promise: handoff.expectation.map { expectation in
                PortalTicketPage.Promise(
                    expectation: expectation, eta: handoff.eta.map { WebFormat.time($0) },
                    told: handoff.at.map { WebFormat.time($0) } ?? "")
            },
            resolution: response.resolution, conversation: conversation,
            actions: actions.map { Option(value: $0.rawValue, label: $0.title, selected: false) },
            confirm: actions.contains(.confirmRestored), reply: actions.contains(.reply), rate: actions.contains(.rateService),
            mayReopen: ClientView.mayReopen(response.status), surveyAnswer: surveyAnswer, refusal: refusal?.view)
    }
}
