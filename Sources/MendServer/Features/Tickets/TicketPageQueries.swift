import Fluent
import MendCore
import Vapor

/// Loads the data of the ticket pages (the Query of Model + Query + View).
struct TicketPageQueries {
    let req: Request

    func queue(_ params: TicketQueryParameters, rawQuery: String) async throws -> QueuePage {
        let principal = try req.principal()
        let search = req.tickets.search
        let page = try await search.run(
            params.filter, sort: params.sort, cursor: params.cursor, limit: params.limit, for: principal)
        let responses = page.tickets
        let counts = try await search.statusCounts(params.filter, for: principal)
        let rows = responses.map { t in
            let view = t.sla.map(SlaView.init)
            return QueuePage.Row(
                number: t.number, summary: t.summary, company: t.companyName, priority: t.priority.title,
                priorityLevel: t.priority.level, status: t.status.title, statusKey: t.status.rawValue,
                assignee: t.assigneeName ?? "Unassigned", queue: t.queueName ?? "", updated: WebFormat.time(t.updatedAt),
                slaFlag: view?.flag ?? "", deadline: view?.nearest ?? "", deadlineDue: view?.nearestDue ?? "",
                handoffMissing: !principal.isClient && t.handoffMissing,
                updateDue: !principal.isClient
                    && t.sla?.clocks.contains {
                        $0.clock == .update && ($0.state == .breached || ($0.state == .running && $0.atRisk))
                    }
                        == true
            )
        }
        let selected = Set(params.filter.statuses)
        let tabs = TicketStatus.allCases.map {
            QueuePage.StatusTab(key: $0.rawValue, title: $0.title, count: counts[$0] ?? 0, selected: selected.contains($0))
        }
        var next: String?
        if let cursor = page.nextCursor {
            var items = (URLComponents(string: "?" + rawQuery)?.queryItems ?? []).filter { $0.name != "cursor" }
            items.append(URLQueryItem(name: "cursor", value: cursor))
            var components = URLComponents()
            components.queryItems = items
            next = "/tickets" + (components.string ?? "")
        }
        let assigneeValue: String = {
            switch params.filter.assignee {
            case .anyone: ""
            case .nobody: "none"
            case let .user(id): id.uuidString
            }
        }()
        return QueuePage(
            layout: LayoutContext(req, title: "Queue"), rows: rows, tabs: tabs, total: counts.values.reduce(0, +),
            queues: try await queueOptions(selected: params.filter.queueID, allowAll: true),
            priorities: [Option(value: "", label: "Any priority", selected: params.filter.priorities.isEmpty)]
                + Priority.allCases.map {
                    Option(value: $0.rawValue, label: $0.title, selected: params.filter.priorities == [$0])
                },
            assignees: [
                Option(value: "", label: "Anyone", selected: assigneeValue == ""),
                Option(value: "none", label: "Unassigned", selected: assigneeValue == "none"),
            ]
                + (try await staffOptions(selected: nil)).map {
                    Option(value: $0.value, label: $0.label, selected: $0.value == assigneeValue)
                },
            sorts: TicketSort.allCases.map {
                Option(value: $0.rawValue, label: "Sort: \($0.label)", selected: $0 == params.sort)
            },
            text: params.filter.text ?? "", nextLink: next,
            pullQueue: principal.isClient ? nil : try await pullQueue(params.filter.queueID),
            queueEmpty: (try? req.query.get(String.self, at: "empty")) == "1")
    }

    /// The queue "Pull next" takes from: the one filtered on, else the default (NOC) queue.
    private func pullQueue(_ selected: UUID?) async throws -> Option? {
        var id = selected
        if id == nil { id = try await ReferenceChecker(db: req.db, cache: req.mend.cache).defaultQueue() }
        guard let id, let queue = try await QueueModel.find(id, on: req.db) else { return nil }
        return Option(value: id.uuidString, label: queue.name, selected: true)
    }

    func ticket(_ number: String, refusal: FormRefusal? = nil) async throws -> TicketPage {
        let principal = try req.principal()
        let service = req.tickets
        let ticket = try await service.loader.find(number, for: principal)
        let response = try await service.loader.response(ticket)
        let notes = try await service.notes(of: ticket, for: principal)
        let events = try await service.events(of: ticket, for: principal)
        let staff = !principal.isClient
        let time = staff ? try await service.timeEntries(of: ticket, for: principal) : []
        let attempts = staff ? try await service.verifications(of: ticket, for: principal) : []
        // A note that logs a call with the client says so; the call's channel is on the note's event.
        var calls: [String: String] = [:]
        for event in events where event.kind == EventKind.noteAdded.rawValue {
            guard let text = event.after, text.contains("\"call\""),
                let after = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)),
                let note = after["noteID"], let call = after["call"]
            else { continue }
            calls[note] = call
        }
        let noteItems = notes.map {
            (
                $0.createdAt,
                TicketPage.TimelineItem(
                    at: WebFormat.time($0.createdAt), actor: $0.authorName,
                    label: $0.id.flatMap { calls[$0.uuidString] }.map { "Contact with the client (\($0))" }
                        ?? ($0.isResolution
                            ? "Resolution note" : ($0.visibility == "onstage" ? "Client-visible note" : "Internal note")),
                    body: $0.body, onstage: $0.visibility == "onstage", isNote: true)
            )
        }
        // A note's own "note added" event would repeat the note.
        let eventItems = events.filter { $0.kind != EventKind.noteAdded.rawValue }.map {
            (
                $0.at,
                TicketPage.TimelineItem(
                    at: WebFormat.time($0.at), actor: $0.actorName, label: WebFormat.readable($0.summary), body: nil,
                    onstage: $0.visibility == "onstage", isNote: false)
            )
        }
        // Notes and events interleave by time; on equal times each keeps its own order.
        let timeline = (noteItems + eventItems).enumerated()
            .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        let options = staff ? try service.transitionOptions(of: ticket) : []
        var paths = staff ? try await ResolutionPanels(req: req).view(for: ticket) : nil
        if let refusal, refusal.form == "checklist" { paths?.keepTicks(refusal.fields["done[]"]) }
        return TicketPage(
            layout: LayoutContext(req, title: "\(response.number) \(response.summary)"), ticket: response,
            sla: response.sla.map(SlaView.init), alertLastSeen: response.alert?.lastSeenAt.map(WebFormat.time) ?? "",
            incidentStarted: response.alert?.startedAt.map(WebFormat.time) ?? "",
            priorityTitle: response.priority.title, statusTitle: response.status.title, sourceTitle: response.source.title,
            created: WebFormat.time(response.createdAt), timeline: timeline,
            timeEntries: try time.map { TimeEntryLine(try $0.response) },
            timeTotal: WebFormat.minutes(response.minutesLogged), verifications: try attempts.map { try $0.response },
            transitions: options.map {
                TicketPage.TransitionChoice(
                    value: $0.to.rawValue, title: $0.title, gates: $0.unmetGates, isReopen: $0.isReopen,
                    needsExit: [.escalatedOut, .handedOff].contains($0.to))
            },
            assignees: staff ? try await staffOptions(selected: ticket.assigneeID) : [],
            workTypes: WorkType.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: false) },
            channels: ContactChannel.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: false) },
            outcomes: VerificationOutcome.allCases.map {
                Option(
                    value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " ").capitalized, selected: false)
            },
            refusal: refusal?.view,
            canRestore: try staff && StatusMachine.targets(from: ticket.typedStatus).contains(.restored),
            handoff: staff ? try await handoff(ticket, zone: response.sla?.timezone ?? "UTC") : nil,
            pages: staff ? try await pages(ticket, principal: principal) : [],
            queues: staff
                ? try await QueueModel.query(on: req.db).sort(\.$name).all().map {
                    Option(value: $0.id!.uuidString, label: $0.name, selected: false)
                } : [],
            escalationKinds: ManualEscalation.Kind.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: false) },
            paths: paths,
            messages: staff ? try await messagesView(ticket, response: response) : nil)
    }

    private func messagesView(_ ticket: TicketModel, response: TicketResponse) async throws -> TicketMessagesView {
        let email = try await ticket.contactID.asyncMap { try await ContactModel.find($0, on: req.db)?.email } ?? nil
        return TicketMessagesView.make(
            try await req.messages.messages(of: ticket), ticket: response, hasEmail: email?.isEmpty == false,
            survey: try await req.surveys.latest(of: ticket))
    }

    private func handoff(_ ticket: TicketModel, zone: String) async throws -> TicketHandoffView {
        let record = try await req.handoffs.handoff(of: ticket)
        // The ETA field starts two hours out, in the client's zone, to the minute.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return TicketHandoffView(
            required: record.required, missing: record.missing, csr: record.csrName, at: record.at.map(WebFormat.time),
            expectation: record.expectation, eta: record.eta.map(WebFormat.time), zone: zone,
            etaDefault: formatter.string(from: req.mend.clock.now().addingTimeInterval(7_200)))
    }

    private func pages(_ ticket: TicketModel, principal: Principal) async throws -> [TicketPageLine] {
        try await req.paging.pages(for: principal, ticketID: ticket.id).map { page in
            TicketPageLine(
                state: page.state, with: (page.current ?? page.answeredBy)?.name ?? "", sent: WebFormat.time(page.sentAt),
                reason: page.reason)
        }
    }

    func newTicket(refusal: FormRefusal? = nil, form: TicketWebController.NewTicketForm? = nil) async throws
        -> NewTicketPage
    {
        let principal = try req.principal()
        let companies = try await req.directory.companies(for: principal)
        let contactQuery = ContactModel.query(on: req.db).sort(\.$name)
        if let company = principal.clientCompanyID { contactQuery.filter(\.$companyID == company) }
        let contacts = try await contactQuery.all()
        // A client reports for themselves unless they pick a colleague.
        let chosenContact = form == nil ? principal.contactID?.uuidString : form?.contactID.nonEmpty
        return NewTicketPage(
            layout: LayoutContext(req, title: "New ticket"),
            companies: companies.map {
                Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id?.uuidString == form?.companyID)
            },
            noContact: chosenContact == nil,
            contactGroups: companies.compactMap { company in
                let options = contacts.filter { $0.companyID == company.id }.map { c in
                    Option(value: c.id!.uuidString, label: c.name, selected: c.id?.uuidString == chosenContact)
                }
                return options.isEmpty
                    ? nil : ContactGroup(companyID: company.id!.uuidString, company: company.name, contacts: options)
            },
            queues: principal.isClient
                ? [] : try await queueOptions(selected: form?.queueID.flatMap(UUID.init(uuidString:)), allowAll: false),
            assignees: principal.isClient
                ? []
                : [Option(value: "", label: "Unassigned", selected: true)]
                    + (try await staffOptions(selected: form?.assigneeID.flatMap(UUID.init(uuidString:)))),
            impacts: Impact.allCases.map {
                Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0.rawValue == (form?.impact ?? "medium"))
            },
            urgencies: Urgency.allCases.map {
                Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0.rawValue == (form?.urgency ?? "medium"))
            },
            sources: TicketSource.allCases.map {
                Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == (form?.source ?? "phone"))
            },
            error: refusal?.error, typed: refusal?.fields ?? [:], invalid: refusal?.view.invalid[refusal?.form ?? ""] ?? [:])
    }

    private func queueOptions(selected: UUID?, allowAll: Bool) async throws -> [Option] {
        let queues = try await QueueModel.query(on: req.db).sort(\.$name).all()
        let all = allowAll ? [Option(value: "", label: "All queues", selected: selected == nil)] : []
        return all
            + queues.map {
                Option(
                    value: $0.id!.uuidString, label: $0.name,
                    selected: $0.id == selected || (!allowAll && selected == nil && $0.key == "noc"))
            }
    }

    private func staffOptions(selected: UUID?) async throws -> [Option] {
        try await UserModel.query(on: req.db).filter(\.$companyID == nil).filter(\.$active == true).sort(\.$name).all()
            .map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == selected) }
    }
}
