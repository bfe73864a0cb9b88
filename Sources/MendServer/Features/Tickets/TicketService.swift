import Fluent
import MendCore
import Vapor

/// Ticket use cases: each loads, asks MendCore, saves and appends events in one transaction.
struct TicketService {
    let db: any Database
    let services: MendServices

    var loader: TicketLoader {
        TicketLoader(db: db, cache: services.cache, sla: SlaReader(cache: services.sla, now: services.clock.now()))
    }

    var search: TicketSearch {
        TicketSearch(db: db, sla: SlaReader(cache: services.sla, now: services.clock.now()))
    }

    /// Opens a ticket; `linkedFrom` names the ticket a late reopen follows (its id, number and the reason).
    func create(
        _ request: CreateTicketRequest, by principal: Principal, linkedFrom: (id: UUID, number: String, reason: String)? = nil,
        clientSource: TicketSource = .portal
    ) async throws -> TicketModel {
        if !principal.isClient { try principal.require(.ticketsWrite) }
        let draft = TicketDraft(
            summary: request.summary, description: request.description, type: request.type,
            subtype: request.subtype, configurationItem: request.configurationItem)
        var check = FieldChecker()
        draft.problems().forEach { check.add($0.field, $0.message) }
        let tier1 = request.tier1?.handoff
        if let tier1 {
            if principal.isClient { throw Problem.invalid("tier1", "cannot be sent by a client contact") }
            tier1.problems().forEach { check.add($0.field, $0.message) }
        }
        try check.check()
        let references = ReferenceChecker(db: db, cache: services.cache)
        let ticket = TicketModel(openedAt: services.clock.now())
        if principal.isClient {
            if request.assigneeID != nil || request.queueID != nil {
                throw Problem.invalid(request.assigneeID != nil ? "assigneeID" : "queueID", "cannot be set by a client contact")
            }
            if let company = request.companyID, company != principal.clientCompanyID {
                throw Problem.invalid("companyID", "must be your own company")
            }
            ticket.companyID = try principal.clientCompanyID.guaranteed("the contact's company")
            ticket.contactID = principal.contactID
        } else {
            guard let companyID = request.companyID else { throw Problem.invalid("companyID", "is required") }
            try await references.company(companyID)
            ticket.companyID = companyID
            ticket.contactID = request.contactID
        }
        if let contactID = ticket.contactID { try await references.contact(contactID, of: ticket.companyID) }
        if let siteID = request.siteID { try await references.site(siteID, of: ticket.companyID) }
        let queueID: UUID?
        if let id = request.queueID {
            try await references.queue(id); queueID = id
        } else {
            queueID = try await references.defaultQueue()
        }
        if let assignee = request.assigneeID { try await references.staff(assignee, field: "assigneeID") }
        let now = ticket.createdAt
        ticket.summary = request.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        ticket.description = request.description ?? ""
        ticket.type = request.type
        ticket.subtype = request.subtype
        ticket.siteID = request.siteID
        ticket.configurationItem = request.configurationItem
        let source: TicketSource
        if tier1 != nil {
            // Tier 2's clocks start at the escalation, which is now.
            source = .tier1Escalation
            ticket.slaStart = now
        } else if principal.isClient {
            source = clientSource
        } else {
            source = request.source ?? .phone
        }
        let opened = Ticket.open(
            impact: request.impact ?? .medium, urgency: request.urgency ?? .medium, source: source,
            assigneeID: request.assigneeID, queueID: queueID, matrix: services.matrix, now: now)
        ticket.store(opened)
        var events = EventRecorder(actor: principal, at: now)
        var notes: [NoteModel] = []
        events.append([
            opened.openedEvent(
                summary: "Ticket opened: \(ticket.summary)",
                extra: tier1?.reference.map { ["tier1Reference": $0] } ?? [:])
        ])
        if let linkedFrom {
            ticket.linkedFromID = linkedFrom.id
            events.record(
                .linkedTicketOpened, .onstage,
                summary: "Follows \(linkedFrom.number), reopened after its window: \(linkedFrom.reason)",
                after: ["linkedFrom": linkedFrom.number])
        }
        if let tier1 {
            let note = NoteModel()
            note.id = UUID()
            note.ticketID = ticket.id!
            note.authorID = principal.userID
            note.authorName = principal.name
            note.visibility = Visibility.backstage.rawValue
            note.body = tier1.noteBody
            note.isResolution = false
            note.createdAt = now
            notes.append(note)
            events.record(
                .noteAdded, .backstage, summary: "Tier 1 troubleshooting by \(principal.name)",
                after: ["noteID": note.id!.uuidString, "by": "staff"])
        }
        try await services.creations.create(TicketCreationBatcher.Job(ticket: ticket, events: events, notes: notes), on: db)
        return ticket
    }

    func update(
        _ reference: String, _ input: Decoded<UpdateTicketRequest>, ifMatch: Int?, by principal: Principal
    ) async throws -> TicketModel {
        try await mutate(reference, ifMatch: ifMatch, by: principal) { ticket, tx, events in
            try principal.require(.ticketsWrite)
            if principal.isClient { throw Problem.forbidden(.ticketsBackstage) }
            try await TicketUpdate(ticket: ticket, input: input, principal: principal, matrix: services.matrix)
                .apply(on: tx, events: &events)
        }
    }

    func transition(
        _ reference: String, _ request: TransitionTicketRequest, ifMatch: Int?, by principal: Principal
    ) async throws -> TicketModel {
        let settings = services.config.lifecycle
        return try await mutate(reference, ifMatch: ifMatch, by: principal) { ticket, tx, events in
            try principal.requireStaff("ticket")
            try principal.require(.ticketsWrite)
            try await TicketTransition(ticket: ticket, request: request, principal: principal, settings: settings)
                .apply(on: tx, events: &events)
        }
    }

    func addNote(_ reference: String, _ request: CreateNoteRequest, by principal: Principal) async throws -> NoteModel {
        var check = FieldChecker()
        check.required(request.body, "body", max: 20_000)
        try check.check()
        if principal.isClient && request.visibility == .backstage {
            throw Problem.invalid("visibility", "must be onstage for a client contact")
        }
        if principal.isClient && request.call != nil {
            throw Problem.invalid("call", "cannot be sent by a client contact")
        }
        let note = NoteModel()
        _ = try await mutate(reference, ifMatch: nil, by: principal) { ticket, tx, events in
            if !principal.isClient { try principal.require(.ticketsWrite) }
            try await TicketNotes.add(
                request.body, visibility: request.visibility, to: ticket, by: principal, into: note, call: request.call,
                on: tx, events: &events)
            if principal.isClient {
                try await ClientActivityNotices(db: tx, services: services).notify(
                    .reply(channel: "portal"), on: ticket, now: events.at)
            }
        }
        return note
    }

    func logTime(_ reference: String, _ request: CreateTimeEntryRequest, by principal: Principal) async throws
        -> TimeEntryModel
    {
        let problems = TimeEntryRules.problems(minutes: request.minutes, note: request.note)
        if !problems.isEmpty { throw ValidationError(problems) }
        let entry = TimeEntryModel()
        let now = services.clock.now()
        _ = try await mutate(reference, ifMatch: nil, by: principal) { ticket, tx, events in
            try principal.requireStaff("ticket")
            try principal.require(.timeLog)
            try await ResolutionSupport.logTime(
                request.minutes, request.workType,
                startedAt: request.startedAt ?? now.addingTimeInterval(-Double(request.minutes * 60)), note: request.note,
                billable: request.billable ?? true, engineer: (principal.userID, principal.name), on: ticket, now: now,
                db: tx, events: &events, into: entry)
        }
        return entry
    }

    func recordRestoration(_ reference: String, _ request: RestorationRequest, by principal: Principal) async throws
        -> TicketModel
    {
        var check = FieldChecker()
        check.required(request.test, "test", max: 2_000)
        try check.check()
        return try await mutate(reference, ifMatch: nil, by: principal) { ticket, tx, events in
            try principal.requireStaff("ticket")
            try principal.require(.ticketsWrite)
            try await TicketRestoration.record(
                request, on: ticket, messages: ClientMessages(db: tx, services: services), events: &events)
        }
    }

    func recordVerification(_ reference: String, _ request: VerificationRequest, by principal: Principal) async throws
        -> VerificationModel
    {
        var check = FieldChecker()
        check.length(request.note, "note", max: 2_000)
        try check.check()
        let attempt = VerificationModel()
        let now = services.clock.now()
        _ = try await mutate(reference, ifMatch: nil, by: principal) { ticket, tx, events in
            try principal.requireStaff("ticket")
            try principal.require(.ticketsWrite)
            try await TicketRestoration.verify(
                request, on: ticket, by: principal, at: now,
                settings: services.config.lifecycle, into: attempt, on: tx, events: &events)
        }
        return attempt
    }

    /// Read-modify-write of one ticket under its row lock: checks If-Match, bumps the version, writes events.
    /// `replayClocks` false skips the SLA replay for changes that cannot move a clock (a repeated alert).
    func mutate(
        _ reference: String, ifMatch: Int?, by principal: Principal, replayClocks: Bool = true,
        _ change: @escaping @Sendable (TicketModel, any Database, inout EventRecorder) async throws -> Void
    ) async throws -> TicketModel {
        let now = services.clock.now()
        let services = self.services
        return try await services.changes.run(on: db) { tx in
            let ticket = try await TicketLoader(db: tx).findLocked(reference, for: principal)
            if let ifMatch, ifMatch != ticket.version {
                throw Problem(
                    .preconditionFailed, "stale-version", "Ticket changed meanwhile",
                    detail: "You sent version \(ifMatch) but the ticket is at version \(ticket.version); reload and retry.")
            }
            // The settings are read before the change, not after: a process version another server applied moves
            // the settings counter, and this read installs it before the core judges the change.
            let contractID = ticket.contractID
            let companyID = ticket.companyID
            let read = try await TicketWriter.Settings.read(
                contractID: contractID, companyID: companyID, replayClocks: replayClocks, now: now, on: tx,
                services: services)
            var events = EventRecorder(actor: principal, at: now)
            let statusBefore = ticket.status
            try await change(ticket, tx, &events)
            try await TicketWriter.commit(
                ticket, events: events, statusBefore: statusBefore, replayClocks: replayClocks, now: now, on: tx,
                services: services,
                settings: ticket.contractID == contractID && ticket.companyID == companyID ? read : nil)
            return ticket
        }
    }
}
