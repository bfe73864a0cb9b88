import MendCore

/// A client's list of its company's tickets: client-facing status names, who raised each, what needs the client.
struct PortalQueuePage: Encodable {
    struct Row: Encodable {
        var number: String
        var summary: String
        var status: String
        var statusKey: String
        var reportedBy: String
        var opened: String
        var updated: String
        /// What the ticket asks of the client now, "" when nothing.
        var needsYou: String
    }

    struct View: Encodable {
        var key: String
        var title: String
        var count: Int
        var selected: Bool
    }

    var layout: LayoutContext
    var company: String
    var views: [View]
    /// Only the tickets the signed-in contact raised.
    var mine: Bool
    var view: String
    var text: String
    var rows: [Row]
    var nextLink: String?
}

/// One ticket as its client sees it: where it stands in the client's words, what was promised, the conversation
/// and what is asked of the client. Nothing internal: no queue, no version, no SLA clock, no backstage note.
struct PortalTicketPage: Encodable {
    struct Message: Encodable {
        var at: String
        var author: String
        var body: String
        var fromClient: Bool
        var isResolution: Bool
    }

    struct Milestone: Encodable {
        var at: String
        var status: String
    }

    /// One entry of the conversation: a message or a status milestone.
    struct Entry: Encodable {
        var message: Message?
        var milestone: Milestone?
    }

    struct Promise: Encodable {
        var expectation: String
        var eta: String?
        var told: String
    }

    var layout: LayoutContext
    var number: String
    var summary: String
    var description: String
    var status: String
    var statusKey: String
    var explanation: String
    var priority: String
    var reportedBy: String
    var engineer: String?
    var opened: String
    var zone: String
    var promise: Promise?
    var resolution: String?
    var conversation: [Entry]
    /// The open actions (`ClientView.Action` raw values) and their titles.
    var actions: [Option]
    var confirm: Bool
    var reply: Bool
    var rate: Bool
    var mayReopen: Bool
    var surveyAnswer: String?
    var refusal: FormRefusal.View?
}
