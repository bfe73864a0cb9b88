import Fluent
import MendCore
import Vapor

/// A select option with its selection already decided, so templates stay logic-free.
struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

/// The queue view: filters, counts per status and one page of tickets.
struct QueuePage: Encodable {
    struct Row: Encodable {
        var number: String
        var summary: String
        var company: String
        var priority: String
        var priorityLevel: Int
        var status: String
        var statusKey: String
        var assignee: String
        var queue: String
        var updated: String
        var slaFlag: String
        var deadline: String
        /// When that clock falls due: what the deadline sort orders by.
        var deadlineDue: String
        var handoffMissing: Bool
        /// The client is owed an update: the update clock is at risk or overdue.
        var updateDue: Bool
    }

    struct StatusTab: Encodable {
        var key: String
        var title: String
        var count: Int
        var selected: Bool
    }

    var layout: LayoutContext
    var rows: [Row]
    var tabs: [StatusTab]
    var total: Int
    var queues: [Option]
    var priorities: [Option]
    var assignees: [Option]
    var sorts: [Option]
    var text: String
    var nextLink: String?
    /// The queue the "Pull next" button takes from (staff only).
    var pullQueue: Option?
    var queueEmpty: Bool
}

/// The ticket page: details, timeline, time, verification attempts and the actions that apply.
struct TicketPage: Encodable {
    struct TimelineItem: Encodable {
        var at: String
        var actor: String
        var label: String
        var body: String?
        var onstage: Bool
        var isNote: Bool
    }

    struct TransitionChoice: Encodable {
        var value: String
        var title: String
        var gates: [GateResponse]
        var isReopen: Bool
        var needsExit: Bool
    }

    var layout: LayoutContext
    var ticket: TicketResponse
    var sla: SlaView?
    var alertLastSeen: String
    /// When the incident started, as its monitoring alert said; "" when unknown.
    var incidentStarted: String
    var priorityTitle: String
    var statusTitle: String
    var sourceTitle: String
    var created: String
    var timeline: [TimelineItem]
    var timeEntries: [TimeEntryLine]
    var timeTotal: String
    var verifications: [VerificationResponse]
    var transitions: [TransitionChoice]
    var assignees: [Option]
    var workTypes: [Option]
    var channels: [Option]
    var outcomes: [Option]
    /// A refused form of this page: which one, what it held and why (`FormRefusal.View`).
    var refusal: FormRefusal.View?
    var canRestore: Bool
    /// The CSR handoff panel (staff only).
    var handoff: TicketHandoffView?
    /// Pages sent about this ticket, newest first.
    var pages: [TicketPageLine]
    var queues: [Option]
    var escalationKinds: [Option]
    /// The resolution paths' panels (staff only).
    var paths: TicketPathsView?
    /// Messages to the client and the status-update form (staff only).
    var messages: TicketMessagesView?
}

/// The CSR handoff as the ticket page shows it, with the ETA field's default in the client's zone.
struct TicketHandoffView: Encodable {
    var required: Bool
    var missing: Bool
    var csr: String?
    var at: String?
    var expectation: String?
    var eta: String?
    var zone: String
    var etaDefault: String
}

/// A time entry as the ticket page lists it: when the work started, who did what, for how long.
struct TimeEntryLine: Encodable {
    var when: String
    var engineerName: String
    var workType: String
    var minutes: String
    var billable: Bool
    var note: String?

    init(_ entry: TimeEntryResponse) {
        when = WebFormat.time(entry.startedAt)
        engineerName = entry.engineerName
        workType = entry.workType.rawValue.capitalized
        minutes = WebFormat.minutes(entry.minutes)
        billable = entry.billable
        note = entry.note
    }
}

/// One page about a ticket: where it stands.
struct TicketPageLine: Encodable {
    var state: String
    var with: String
    var sent: String
    var reason: String
}

/// A refused action shown on the page, each unmet gate with the place that meets it.
struct ErrorBox: Codable {
    struct Gate: Codable {
        var detail: String
        var anchor: String
    }

    var title: String
    var detail: String
    var gates: [Gate]
    var fields: [FieldProblem]

    init(_ problem: Problem) {
        title = problem.title
        // A page shows the reader's times, never the API's ISO text.
        fields = problem.errors.map { FieldProblem(field: $0.field, message: WebFormat.readable($0.message)) }
        detail =
            problem.gates.isEmpty ? WebFormat.readable(problem.detail) : "The ticket cannot move there yet. Still missing:"
        gates = problem.gates.map { Gate(detail: $0.explanation, anchor: Self.anchor(for: $0)) }
    }

    static func anchor(for gate: ExitGate) -> String {
        switch gate {
        case .serviceRestoredAndTested: "#restoration"
        case .exitPathRecorded: "#exit"
        case .resolutionNote: "#transition"
        case .verificationAttempted: "#verification"
        case .clientInformed: "#note"
        case .timeEntered: "#time"
        }
    }
}

/// One company's contacts in the new-ticket form's Contact list.
struct ContactGroup: Encodable {
    var companyID: String
    var company: String
    var contacts: [Option]
}

/// The new-ticket form and its choices.
struct NewTicketPage: Encodable {
    var layout: LayoutContext
    var companies: [Option]
    var noContact: Bool
    /// Contacts grouped by company: the page's script shows the chosen company's group only.
    var contactGroups: [ContactGroup]
    var queues: [Option]
    var assignees: [Option]
    var impacts: [Option]
    var urgencies: [Option]
    var sources: [Option]
    var error: ErrorBox?
    /// What a refused form held, field by field, and each field's problem.
    var typed: [String: String]
    var invalid: [String: String]
}
