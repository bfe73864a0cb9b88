import Foundation

/// The messages Mend ships: short, plain, and each says what happens next.
public enum DefaultTemplates {
    /// The shipped template of `kind`.
    public static func template(_ kind: MessageTemplate.Kind) -> MessageTemplate {
        let (subject, lead) = words(kind)
        let text = """
            Hello {{contact.name}},

            \(lead)

            Ticket: {{ticket.number}} {{ticket.summary}}
            Status: {{ticket.status}}

            Reply to this email to add to the ticket.

            {{msp.signature}}
            """
        let paragraphs = lead.components(separatedBy: "\n\n").map { "<p>\(htmlLead($0))</p>" }.joined(separator: "\n")
        let html = """
            <div style="font-family: Arial, sans-serif; font-size: 14px; color: #1f2937;">
            <p>Hello {{contact.name}},</p>
            \(paragraphs)
            <p style="color: #6b7280;">Ticket {{ticket.number}}: {{ticket.summary}} · Status: {{ticket.status}}</p>
            <p>Reply to this email to add to the ticket.</p>
            <p>{{msp.signature}}</p>
            </div>
            """
        return MessageTemplate(stored: kind, subject: subject, text: text, html: html)
    }

    /// Every shipped template.
    public static var all: [MessageTemplate] { MessageTemplate.Kind.allCases.map(template) }

    private static func words(_ kind: MessageTemplate.Kind) -> (String, String) {
        switch kind {
        case .acknowledged:
            (
                "We are on it: {{ticket.summary}}",
                "We have received your request and an engineer at {{msp.name}} is working on it."
            )
        case .expectationsSet:
            (
                "What to expect: {{ticket.summary}}",
                "{{handoff.expectation}}\n\nWe expect to have service restored by {{handoff.eta}}, and we will keep you updated until then."
            )
        case .statusUpdate:
            ("Update: {{ticket.summary}}", "{{update.body}}")
        case .restoredVerify:
            (
                "Service restored, please check: {{ticket.summary}}",
                "We have restored service and tested it: {{restoration.test}}\n\nPlease check that everything works for you and reply to let us know, or tell us if it is still broken."
            )
        case .resolved:
            ("Resolved: {{ticket.summary}}", "This incident is resolved.\n\n{{ticket.resolution}}")
        case .escalatedOut:
            (
                "Passed to {{exit.party}}: {{ticket.summary}}",
                "This incident needs {{exit.party}}. We have passed it to them and will follow up with them until it is fixed."
            )
        case .handedOff:
            (
                "Handed to your IT team: {{ticket.summary}}",
                "As agreed, we have handed this incident to {{exit.receivedBy}} in your IT team, with: {{exit.handedOver}}"
            )
        case .survey:
            (
                "How did we do? {{ticket.summary}}",
                "Please rate how we handled this incident; it takes a few seconds: {{survey.url}}"
            )
        }
    }

    private static func htmlLead(_ paragraph: String) -> String {
        paragraph.replacingOccurrences(of: "{{survey.url}}", with: "<a href=\"{{survey.url}}\">{{survey.url}}</a>")
    }
}
