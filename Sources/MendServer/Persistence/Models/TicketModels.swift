import Fluent
import Foundation
import MendCore

/// A ticket's stored state; `version` increments on every change (the ETag).
final class TicketModel: Model, @unchecked Sendable {
    static let schema = "tickets"
    /// `slaClocks` as last parsed, with the text it came from; not a column (see `SlaRefresh.snapshot(of:)`).
    var parsedSla: (text: String, snapshot: SlaSnapshot)?
    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "summary") var summary: String
    @Field(key: "description") var description: String
    @OptionalField(key: "type") var type: String?
    @OptionalField(key: "subtype") var subtype: String?
    @Field(key: "impact") var impact: String
    @Field(key: "urgency") var urgency: String
    @Field(key: "priority") var priority: String
    @Field(key: "source") var source: String
    @Field(key: "status") var status: String
    @OptionalField(key: "queue_id") var queueID: UUID?
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @Field(key: "company_id") var companyID: UUID
    @OptionalField(key: "contact_id") var contactID: UUID?
    @OptionalField(key: "site_id") var siteID: UUID?
    @OptionalField(key: "configuration_item") var configurationItem: String?
    @OptionalField(key: "resolution") var resolution: String?
    @Field(key: "restored_tested") var restoredTested: Bool
    @Field(key: "verification_attempted") var verificationAttempted: Bool
    @OptionalField(key: "exit_party") var exitParty: String?
    @OptionalField(key: "exit_reference") var exitReference: String?
    @Field(key: "minutes_logged") var minutesLogged: Int
    @Field(key: "reopen_count") var reopenCount: Int
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "exited_at") var exitedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The contract whose policy and calendar set the clocks (the company's current one when opened).
    @OptionalField(key: "contract_id") var contractID: UUID?
    /// When Tier 2's clocks started: creation, or the escalation from Tier 1.
    @OptionalField(key: "sla_start") var slaStart: Date?
    /// The clocks as last replayed (JSON of MendCore `SlaClock`s), readable at any instant.
    @OptionalField(key: "sla_clocks") var slaClocks: String?
    /// Keys of the warnings and breaches already fired, space separated: each fires once.
    @OptionalField(key: "sla_fired") var slaFired: String?
    /// The next instant a warning or breach falls due, or a replay is needed: what the scheduler indexes.
    @OptionalField(key: "sla_next_at") var slaNextAt: Date?
    /// The nearest target of a counting clock, for sorting queues by deadline.
    @OptionalField(key: "sla_due_at") var slaDueAt: Date?
    /// The earliest warning instant of a clock still counting: at or before now means at risk or breached.
    @OptionalField(key: "sla_warn_at") var slaWarnAt: Date?
    /// True when a policy or calendar edit requires a replay from the events.
    @OptionalField(key: "sla_stale") var slaStale: Bool?
    /// For tickets opened by monitoring: the sending system, the alert's fingerprint, how many times it fired
    /// while the ticket was open, and when it was last seen.
    @OptionalField(key: "alert_source") var alertSource: String?
    @OptionalField(key: "alert_fingerprint") var alertFingerprint: String?
    @OptionalField(key: "alert_count") var alertCount: Int?
    @OptionalField(key: "alert_last_seen") var alertLastSeen: Date?
    /// When the ticket entered its current status: "minutes in a status without progress" count from here.
    @OptionalField(key: "status_since") var statusSince: Date?
    /// When the scheduler next looks at escalation levels, the after-hours page and the CSR reminder.
    @OptionalField(key: "watch_next_at") var watchNextAt: Date?
    /// Keys of what the watch already fired (`page`, `csr`, `L1`...), space separated: each fires once.
    @OptionalField(key: "watch_fired") var watchFired: String?
    /// When the CSR handoff was recorded; nil while missing.
    @OptionalField(key: "handoff_at") var handoffAt: Date?
    /// When the troubleshooting time box runs out; set by the first troubleshooting step.
    @OptionalField(key: "timebox_ends_at") var timeboxEndsAt: Date?
    /// The ticked steps of the ticket type's checklist, as a JSON array of step numbers.
    @OptionalField(key: "checklist_done") var checklistDone: String?
    /// The ticket this one follows up: a reopen asked for after the window.
    @OptionalField(key: "linked_from_id") var linkedFromID: UUID?
    /// Tier 2 told the client since the exit path was recorded (MendCore `Ticket.clientInformed`).
    @Field(key: "client_informed") var clientInformed: Bool
    /// When the incident started, as its monitoring alert says (`startsAt`); nil for reported incidents.
    @OptionalField(key: "incident_started_at") var incidentStartedAt: Date?
    /// The history folded up to the last event (MendCore `TicketFold`, its text); nil until the first change.
    @OptionalField(key: "sla_fold") var slaFold: String?
    init() {}

    /// A new ticket's bookkeeping: version 1, status New, nothing restored, verified or logged yet.
    init(openedAt: Date) {
        // Time-ordered, as events' ids are: a new ticket's key lands at the end of its index, not on a random page,
        // and Foundation's random UUID opened /dev/urandom each time.
        id = TimeOrderedID.make(at: openedAt)
        status = "new"
        restoredTested = false
        verificationAttempted = false
        clientInformed = false
        minutesLogged = 0
        reopenCount = 0
        version = 1
        createdAt = openedAt
        updatedAt = openedAt
        statusSince = openedAt
        watchNextAt = openedAt
    }
}

/// A note on a ticket, onstage (client sees it) or backstage.
final class NoteModel: Model, @unchecked Sendable {
    static let schema = "notes"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    @Field(key: "visibility") var visibility: String
    @Field(key: "body") var body: String
    @Field(key: "is_resolution") var isResolution: Bool
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// Time spent on a ticket by an engineer.
final class TimeEntryModel: Model, @unchecked Sendable {
    static let schema = "time_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "engineer_id") var engineerID: UUID
    @Field(key: "engineer_name") var engineerName: String
    @Field(key: "work_type") var workType: String
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "minutes") var minutes: Int
    @Field(key: "billable") var billable: Bool
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A verification attempt with the client after restoration (04c.02).
final class VerificationModel: Model, @unchecked Sendable {
    static let schema = "verifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "channel") var channel: String
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "by_id") var byID: UUID
    @Field(key: "by_name") var byName: String
    @Field(key: "at") var at: Date
    init() {}
}

/// The append-only record of one change: who, when, what, before and after (JSON text).
final class EventModel: Model, @unchecked Sendable {
    static let schema = "events"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String
    @Field(key: "visibility") var visibility: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "summary") var summary: String
    /// The process definition version the change ran under; nil for events written before versions were kept.
    @OptionalField(key: "process_version") var processVersion: Int?
    init() {}
}
