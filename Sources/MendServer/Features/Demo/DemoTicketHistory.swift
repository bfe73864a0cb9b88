import Fluent
import MendCore
import Vapor

/// Builds one demo ticket by walking it through the lifecycle to a target status, writing the events on the way.
extension DemoSeeder {
    /// One of the recent tickets: opened in the last 60 days, walked to a status, every status in turn.
    static func createTicket(
        index: Int, world: World, now: Date, rng: inout SeededGenerator, into batch: DemoBatch, on db: any Database
    ) async throws {
        let statuses = TicketStatus.module
        let target = statuses[index % statuses.count]
        let opened = now.addingTimeInterval(-Double(Int.random(in: 3_600...(60 * 86_400), using: &rng)))
        let plan = DemoPlan(
            openedAt: opened, steps: Self.path(to: target).map { DemoPlan.Step(.move($0), seconds: 300...14_400) })
        try await createTicket(index: index, plan: plan, world: world, now: now, rng: &rng, into: batch, on: db)
    }

    /// A ticket walked through `plan`, with its events, notes, time, handoff, survey and clocks as they happened,
    /// held in `batch` until it is flushed; `db` gives the ticket its number.
    static func createTicket(
        index: Int, plan: DemoPlan, world: World, now: Date, rng: inout SeededGenerator, into batch: DemoBatch,
        on db: any Database
    ) async throws {
        let (company, sites, contacts) = world.companies[Int.random(in: 0..<world.companies.count, using: &rng)]
        let shape = DemoData.incidents[Int.random(in: 0..<DemoData.incidents.count, using: &rng)]
        let engineer = world.engineers[Int.random(in: 0..<world.engineers.count, using: &rng)]
        let reporter = world.staff.first { $0.roleKey == "csr" } ?? engineer
        var at = plan.openedAt
        func step(_ seconds: ClosedRange<Int>, _ rng: inout SeededGenerator) -> Date {
            at = min(now.addingTimeInterval(-60), at.addingTimeInterval(Double(Int.random(in: seconds, using: &rng))))
            return at
        }
        let ticket = TicketModel(openedAt: at)
        // The demo's history predates paging and handoff reminders: the watch starts with the next change.
        ticket.watchNextAt = nil
        ticket.watchFired = "page csr"
        ticket.number = try await TicketNumberSequence.next(on: db)
        ticket.summary = shape.0
        ticket.description = "Reported by \(contacts[0].name): \(shape.0.lowercased())."
        ticket.type = shape.1
        ticket.companyID = company.id!
        ticket.contactID = contacts[index % contacts.count].id
        ticket.siteID = sites[index % sites.count].id
        let opened = Ticket.open(
            impact: shape.2, urgency: shape.3, source: TicketSource.allCases[index % TicketSource.allCases.count],
            assigneeID: nil, queueID: world.queues[index % world.queues.count].id, matrix: .standard, now: at)
        var history = DemoHistory(ticket: ticket, core: opened, batch: batch)
        history.record([opened.openedEvent(summary: "Ticket opened: \(shape.0)")], by: reporter, at: at)
        var worker = engineer
        for planned in plan.steps {
            let when = step(planned.seconds, &rng)
            switch planned.kind {
            case .move(let status):
                try history.move(to: status, by: worker, assigner: reporter, at: when, rng: &rng)
            case .reassign:
                // Handed to a colleague: no longer a first contact resolution.
                worker = world.engineers.first { $0.userID != worker.userID } ?? worker
                history.record(history.core.assign(to: worker.userID, name: worker.name, now: when), by: reporter, at: when)
            case .reopen:
                try history.reopen("The client reports the problem is back.", by: worker, at: when)
            }
        }
        ticket.store(history.core)
        ticket.updatedAt = at
        ticket.version = history.version
        // Most P1/P2 demo tickets had their CSR handoff a few minutes in; one in six never did.
        var handoff: CsrHandoffModel?
        if CsrHandoff.required(for: history.core.priority), index % 6 != 0, reporter.roleKey == "csr" {
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
                [
                    TicketEvent(
                        .handoffRecorded, summary: "\(reporter.name) handed off: \(row.expectation)",
                        after: ["expectation": row.expectation, "eta": UTCText.format(row.eta), "csr": reporter.name])
                ], by: reporter, at: told)
            handoff = row
            ticket.version = history.version
        }
        if let settings = world.sla[company.id!] {
            // Clocks replayed from the demo history; what fell due is fired at its own instant, as a running
            // scheduler would have, so the first `mend serve` does not fire sixty days of breaches at once.
            let events = history.events.map(TicketHistoryLoader.Row.init)
            try SlaRefresh.apply(
                history: TicketHistoryLoader.history(ticket: ticket, events: events).sla, settings: settings, to: ticket,
                now: now)
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
                ticket.slaFired = FiredKeys(fired).text
                SlaRefresh.store(snapshot, on: ticket)
            }
        }
        batch.tickets.append(ticket)
        batch.events += history.events
        if let handoff { batch.handoffs.append(handoff) }
        if let survey = plan.survey, let resolved = history.resolvedAt {
            let sent = resolved.addingTimeInterval(3_600)
            if sent < now {
                let row = SurveyModel()
                row.id = UUID()
                row.ticketID = ticket.id!
                row.tokenHash = "demo-\(ticket.id!.uuidString)"
                row.sentAt = sent
                row.expiresAt = sent.addingTimeInterval(14 * 86_400)
                if let rating = survey.rating, sent.addingTimeInterval(7_200) < now {
                    row.rating = rating
                    row.answeredAt = sent.addingTimeInterval(7_200)
                    row.comment = survey.comment
                }
                batch.surveys.append(row)
            }
        }
    }

    /// The statuses a ticket passes through on its way to `target` (after New).
    static func path(to target: TicketStatus) -> [TicketStatus] {
        switch target {
        case .new: []
        case .assigned: [.assigned]
        case .inProgress: [.assigned, .inProgress]
        case .restored: [.assigned, .inProgress, .restored]
        case .resolved: [.assigned, .inProgress, .restored, .resolved]
        case .closed: [.assigned, .inProgress, .restored, .resolved, .closed]
        case .escalatedOut: [.assigned, .inProgress, .waitingOnThirdParty, .escalatedOut]
        case .handedOff: [.assigned, .inProgress, .handedOff]
        // The waiting statuses, the visit and the expert, and any status of the MSP's own: reached from work.
        default: [.assigned, .inProgress, target]
        }
    }
}

/// The events, notes, time and verification rows of one demo ticket, written after the ticket itself. The ticket
/// walks its path through MendCore's `Ticket`, as a live one does, so the demo keeps the process rules.
struct DemoHistory {
    let ticket: TicketModel
    var core: Ticket
    let batch: DemoBatch
    var version = 1
    var events: [EventModel] = []
    private var attempts: [VerificationAttempt] = []

    init(ticket: TicketModel, core: Ticket, batch: DemoBatch) {
        self.ticket = ticket
        self.core = core
        self.batch = batch
    }

    /// When the ticket was last resolved, for its survey.
    var resolvedAt: Date?

    /// Back to work after a resolution, within the reopen window, as a client's call back does.
    mutating func reopen(_ reason: String, by engineer: Principal, at: Date) throws {
        record(
            try core.transition(to: .inProgress, reason: reason, now: at, settings: LifecycleSettings()), by: engineer,
            at: at)
    }

    /// Each recorded change is one version of the ticket, as in the live service.
    mutating func record(_ caused: [TicketEvent], by actor: Principal, at: Date) {
        guard !caused.isEmpty else { return }
        var recorder = EventRecorder(actor: actor, at: at)
        recorder.append(caused)
        version += 1
        events.append(contentsOf: recorder.models(ticketID: ticket.id!, version: version))
    }

    /// One step of the demo path, done the way an engineer does it: the work that leads there, then the move.
    mutating func move(
        to status: TicketStatus, by engineer: Principal, assigner: Principal, at: Date, rng: inout SeededGenerator
    ) throws {
        let settings = LifecycleSettings()
        switch status {
        case .assigned:
            record(core.assign(to: engineer.userID, name: engineer.name, now: at), by: assigner, at: at)
        case .restored:
            addTime(Int.random(in: 15...60, using: &rng), .remediation, by: engineer, at: at)
            record(try core.recordRestorationTest("service checked end to end", result: .passed, now: at), by: engineer, at: at)
        case .resolved:
            try verify(by: engineer, at: at, outcome: .confirmed)
            addNote(
                ("Service restored and confirmed with you. Root cause: configuration change, now reverted.", .onstage),
                by: engineer, at: at, resolution: true)
            record(try core.transition(to: status, reason: nil, now: at, settings: settings), by: engineer, at: at)
            resolvedAt = at
        case .escalatedOut, .handedOff:
            let party = status == .escalatedOut ? "Carrier NOC (Lumen)" : "Client IT team"
            let reference = status == .escalatedOut ? "LMN-\(Int.random(in: 100_000...999_999, using: &rng))" : nil
            record(
                [
                    try core.recordExitPath(
                        party: party, reference: reference, summary: "Exit to \(party)", visibility: .backstage)
                ], by: engineer, at: at)
            addTime(20, .communication, by: engineer, at: at)
            addNote(
                ("We have handed this incident on; the receiving team will keep you updated.", .onstage), by: engineer,
                at: at, resolution: true)
            record(try core.transition(to: status, reason: nil, now: at, settings: settings), by: engineer, at: at)
        default:
            if status == .inProgress {
                addNote(DemoData.noteBodies[Int.random(in: 0..<DemoData.noteBodies.count, using: &rng)], by: engineer, at: at)
                addTime(Int.random(in: 10...90, using: &rng), .diagnosis, by: engineer, at: at)
            }
            record(try core.transition(to: status, reason: nil, now: at, settings: settings), by: engineer, at: at)
        }
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
        batch.notes.append(model)
        let id = model.id!
        let event =
            resolution
            ? core.writeResolution(note.0, noteID: id, roleKey: actor.roleKey, by: actor.name)
            : core.addNote(
                id: id, visibility: note.1, author: .staff(roleKey: actor.roleKey, call: nil), authorName: actor.name)
        record([event], by: actor, at: at)
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
        batch.timeEntries.append(entry)
        // A demo ticket is never closed while work is logged on it.
        if let event = try? core.logTime(minutes: minutes, workType: type, engineer: actor.name) {
            record([event], by: actor, at: at)
        }
    }

    private mutating func verify(by actor: Principal, at: Date, outcome: VerificationOutcome) throws {
        let attempt = VerificationModel()
        attempt.id = UUID()
        attempt.ticketID = ticket.id!
        attempt.channel = ContactChannel.phone.rawValue
        attempt.outcome = outcome.rawValue
        attempt.byID = actor.userID
        attempt.byName = actor.name
        attempt.at = at
        batch.verifications.append(attempt)
        let caused = try core.recordVerification(
            channel: .phone, outcome: outcome, now: at, earlier: attempts, settings: LifecycleSettings())
        attempts.append(VerificationAttempt(at: at, outcome: outcome))
        record(caused, by: actor, at: at)
    }
}

/// How one demo ticket goes: when it opened, its steps with the time each took, and the survey it got.
struct DemoPlan {
    enum Kind {
        case move(TicketStatus)
        /// Handed to another engineer.
        case reassign
        /// Back in progress after its resolution.
        case reopen
    }

    struct Step {
        var kind: Kind
        /// How long after the step before it, in seconds.
        var seconds: ClosedRange<Int>

        init(_ kind: Kind, seconds: ClosedRange<Int>) {
            self.kind = kind
            self.seconds = seconds
        }
    }

    struct Survey {
        var rating: Int?
        var comment: String?
    }

    var openedAt: Date
    var steps: [Step]
    var survey: Survey?
}
