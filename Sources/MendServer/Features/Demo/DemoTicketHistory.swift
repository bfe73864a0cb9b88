import Fluent
import MendCore
import Vapor

/// Builds one demo ticket by walking it through the lifecycle to a target status, writing the events on the way.
extension DemoSeeder {
    static func createTicket(
        index: Int, world: World, now: Date, rng: inout SeededGenerator, on db: any Database
    ) async throws {
        let statuses = TicketStatus.allCases
        let target = statuses[index % statuses.count]
        let (company, sites, contacts) = world.companies[Int.random(in: 0..<world.companies.count, using: &rng)]
        let shape = DemoData.incidents[Int.random(in: 0..<DemoData.incidents.count, using: &rng)]
        let engineer = world.engineers[Int.random(in: 0..<world.engineers.count, using: &rng)]
        let reporter = world.staff.first { $0.roleKey == "csr" } ?? engineer
        var at = now.addingTimeInterval(-Double(Int.random(in: 3_600...(60 * 86_400), using: &rng)))
        func step(_ rng: inout SeededGenerator) -> Date {
            at = min(now.addingTimeInterval(-60), at.addingTimeInterval(Double(Int.random(in: 300...14_400, using: &rng))))
            return at
        }
        let ticket = TicketModel(openedAt: at)
        // The demo's history predates paging and handoff reminders: the watch starts with the next change.
        ticket.watchNextAt = nil
        ticket.watchFired = "page csr"
        ticket.number = try await TicketNumberSequence.next(on: db)
        ticket.summary = shape.0
        ticket.description = "Reported by \(contacts[0].name): \(shape.0.lowercased()). Started around \(WebFormat.time(at))."
        ticket.type = shape.1
        ticket.impact = shape.2.rawValue
        ticket.urgency = shape.3.rawValue
        ticket.priority = PriorityMatrix.standard.priority(impact: shape.2, urgency: shape.3).rawValue
        ticket.source = TicketSource.allCases[index % TicketSource.allCases.count].rawValue
        ticket.queueID = world.queues[index % world.queues.count].id
        ticket.companyID = company.id!
        ticket.contactID = contacts[index % contacts.count].id
        ticket.siteID = sites[index % sites.count].id
        var history = DemoHistory(ticket: ticket, db: db)
        history.record(.created, .onstage, "Ticket opened: \(shape.0)", by: reporter, at: at, after: ["status": "new"])
        let path = Self.path(to: target)
        if !path.isEmpty {
            ticket.assigneeID = engineer.userID
            history.record(
                .assigned, .backstage, "Assigned to \(engineer.name)", by: reporter, at: step(&rng),
                after: ["assigneeID": engineer.userID.uuidString])
        }
        for status in path {
            try await history.move(to: status, by: engineer, at: step(&rng), rng: &rng)
        }
        ticket.updatedAt = at
        ticket.version = history.version
        // Most P1/P2 demo tickets had their CSR handoff a few minutes in; one in six never did.
        var handoff: CsrHandoffModel?
        if CsrHandoff.required(for: Priority(rawValue: ticket.priority) ?? .p3), index % 6 != 0, reporter.roleKey == "csr" {
            let told = min(
                now.addingTimeInterval(-30), ticket.createdAt.addingTimeInterval(Double(Int.random(in: 180...1_800, using: &rng)))
            )
            let row = CsrHandoffModel()
            row.id = UUID()
            row.ticketID = ticket.id!
            row.csrID = reporter.userID
            row.csrName = reporter.name
            row.at = told
            row.expectation = "We are working on it as a priority; next update within the hour."
            row.eta = told.addingTimeInterval(4 * 3_600)
            ticket.handoffAt = told
            history.record(
                .handoffRecorded, .backstage, "\(reporter.name) handed off: \(row.expectation)", by: reporter, at: told,
                after: ["expectation": row.expectation, "eta": UTCText.format(row.eta), "csr": reporter.name])
            handoff = row
            ticket.version = history.version
        }
        if let settings = world.sla[company.id!] {
            // Clocks replayed from the demo history; what fell due is fired at its own instant, as a running
            // scheduler would have, so the first `mend serve` does not fire sixty days of breaches at once.
            let facts = history.events.map { ($0.kind, $0.visibility, $0.at, $0.after) }
            SlaRefresh.apply(
                history: SlaHistoryLoader.history(ticket: ticket, events: facts), settings: settings, to: ticket, now: now)
            if var snapshot = SlaRefresh.snapshot(of: ticket) {
                var fired = Set<String>()
                let due = SlaRefresh.fireDue(&snapshot, fired: &fired, calendar: settings.calendar, now: now)
                for (offset, timer) in due.enumerated() {
                    history.events.append(
                        EventModel(
                            SlaScheduler.event(
                                for: timer, ticketID: ticket.id!, seq: ticket.version * 100 + 90 + offset,
                                priority: ticket.priority, at: timer.at)))
                }
                ticket.slaFired = fired.sorted().joined(separator: " ")
                SlaRefresh.store(snapshot, on: ticket)
            }
        }
        try await ticket.create(on: db)
        try await SlaTimerRows.put([ticket], on: db)
        try await history.flush()
        try await handoff?.create(on: db)
    }

    /// The statuses a ticket passes through on its way to `target` (after New).
    static func path(to target: TicketStatus) -> [TicketStatus] {
        switch target {
        case .new: []
        case .assigned: [.assigned]
        case .inProgress: [.assigned, .inProgress]
        case .waitingOnClient, .waitingOnParts, .waitingOnVendor, .waitingOnThirdParty, .onsiteScheduled, .withSME:
            [.assigned, .inProgress, target]
        case .restored: [.assigned, .inProgress, .restored]
        case .resolved: [.assigned, .inProgress, .restored, .resolved]
        case .closed: [.assigned, .inProgress, .restored, .resolved, .closed]
        case .escalatedOut: [.assigned, .inProgress, .waitingOnThirdParty, .escalatedOut]
        case .handedOff: [.assigned, .inProgress, .handedOff]
        }
    }
}

/// The events, notes, time and verification rows of one demo ticket, written after the ticket itself.
struct DemoHistory {
    let ticket: TicketModel
    let db: any Database
    var version = 1
    var events: [EventModel] = []
    private var rows: [any Model] = []

    init(ticket: TicketModel, db: any Database) {
        self.ticket = ticket
        self.db = db
    }

    mutating func record(
        _ kind: EventKind, _ visibility: Visibility, _ summary: String, by actor: Principal, at: Date,
        before: [String: String]? = nil, after: [String: String]? = nil
    ) {
        var recorder = EventRecorder(actor: actor, at: at)
        recorder.record(kind, visibility, summary: summary, before: before, after: after)
        append(recorder)
    }

    /// Each recorded change is one version of the ticket, as in the live service.
    private mutating func append(_ recorder: EventRecorder) {
        version += 1
        events.append(contentsOf: recorder.models(ticketID: ticket.id!, version: version))
    }

    mutating func move(to status: TicketStatus, by engineer: Principal, at: Date, rng: inout SeededGenerator) async throws {
        let from = TicketStatus(rawValue: ticket.status)!
        if status == .inProgress {
            addNote(DemoData.noteBodies[Int.random(in: 0..<DemoData.noteBodies.count, using: &rng)], by: engineer, at: at)
            addTime(Int.random(in: 10...90, using: &rng), .diagnosis, by: engineer, at: at)
        }
        if status == .restored {
            ticket.restoredTested = true
            record(
                .restorationTested, .backstage, "Restoration test passed: service checked end to end", by: engineer, at: at,
                after: ["result": "passed"])
            addTime(Int.random(in: 15...60, using: &rng), .remediation, by: engineer, at: at)
        }
        if [.resolved, .escalatedOut, .handedOff].contains(status) {
            verify(by: engineer, at: at, outcome: status == .resolved ? .confirmed : .noAnswer)
            let text =
                status == .resolved
                ? "Service restored and confirmed with you. Root cause: configuration change, now reverted."
                : "We have handed this incident on; the receiving team will keep you updated."
            addNote((text, .onstage), by: engineer, at: at, resolution: true)
            ticket.resolution = text
            ticket.exitedAt = at
            if status != .resolved {
                ticket.exitParty = status == .escalatedOut ? "Carrier NOC (Lumen)" : "Client IT team"
                ticket.exitReference = status == .escalatedOut ? "LMN-\(Int.random(in: 100_000...999_999, using: &rng))" : nil
                record(
                    .exitRecorded, .backstage, "Exit to \(ticket.exitParty!)", by: engineer, at: at,
                    after: ["party": ticket.exitParty!])
                addTime(20, .communication, by: engineer, at: at)
            }
        }
        if status == .closed { ticket.closedAt = at }
        ticket.status = status.rawValue
        ticket.statusSince = at
        var recorder = EventRecorder(actor: engineer, at: at)
        recorder.statusChanged(from: from, to: status)
        append(recorder)
    }

    private mutating func addNote(_ note: (String, Visibility), by actor: Principal, at: Date, resolution: Bool = false) {
        let model = NoteModel()
        model.id = UUID()
        model.ticketID = ticket.id!
        model.authorID = actor.userID
        model.authorName = actor.name
        model.visibility = note.1.rawValue
        model.body = note.0
        model.isResolution = resolution
        model.createdAt = at
        rows.append(model)
        record(
            .noteAdded, note.1, (resolution ? "Resolution note" : "Note") + " by \(actor.name)", by: actor, at: at,
            after: ["noteID": model.id!.uuidString])
    }

    private mutating func addTime(_ minutes: Int, _ type: WorkType, by actor: Principal, at: Date) {
        let entry = TimeEntryModel()
        entry.id = UUID()
        entry.ticketID = ticket.id!
        entry.engineerID = actor.userID
        entry.engineerName = actor.name
        entry.workType = type.rawValue
        entry.startedAt = at.addingTimeInterval(-Double(minutes * 60))
        entry.minutes = minutes
        entry.billable = true
        entry.createdAt = at
        rows.append(entry)
        ticket.minutesLogged += minutes
        record(
            .timeLogged, .backstage, "\(minutes) min \(type.rawValue) logged by \(actor.name)", by: actor, at: at,
            after: ["minutesLogged": String(ticket.minutesLogged)])
    }

    private mutating func verify(by actor: Principal, at: Date, outcome: VerificationOutcome) {
        let attempt = VerificationModel()
        attempt.id = UUID()
        attempt.ticketID = ticket.id!
        attempt.channel = ContactChannel.phone.rawValue
        attempt.outcome = outcome.rawValue
        attempt.byID = actor.userID
        attempt.byName = actor.name
        attempt.at = at
        rows.append(attempt)
        ticket.verificationAttempted = true
        record(
            .verificationAttempted, .onstage,
            "Verification by phone: \(outcome.rawValue.replacingOccurrences(of: "_", with: " "))", by: actor, at: at)
    }

    func flush() async throws {
        for row in rows { try await row.create(on: db) }
        try await EventRowsInsert.run(events, on: db)
    }
}
