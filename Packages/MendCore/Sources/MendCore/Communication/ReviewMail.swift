import Foundation

/// The message that takes a client's monthly service review to one of its contacts: the month's headline figures
/// and the link to the whole review in the portal, where it prints as a PDF.
public struct ReviewMail: Sendable, Equatable {
    /// One headline figure, such as ("Resolution SLA met", "94%").
    public struct Line: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var subject: String
    public var text: String
    public var html: String

    /// The message to `contact` at `company` for `month`, signed `signature`.
    public init(
        contact: String, company: String, month: ReviewMonth, lines: [Line], link: String, mspName: String,
        signature: String
    ) {
        subject = "Your service review for \(month.title) from \(mspName)"
        let width = lines.map(\.label.count).max() ?? 0
        let figures = lines.map { $0.label + ":" + String(repeating: " ", count: width - $0.label.count + 1) + $0.value }
        text = """
            Hello \(contact),

            Here is \(company)'s service review for \(month.title): the tickets of the month, how our service levels held, \
            where the time went, any breaches and why, and your team's feedback.

            \(figures.joined(separator: "\n"))

            The whole review, with the trend over six months, is in the portal (sign in with this email address), and \
            it prints as a PDF:
            \(link)

            \(signature)
            """
        let rows = lines.map {
            "<tr><th style=\"text-align: left; padding: 2px 16px 2px 0; font-weight: normal; color: #4b5563;\">\(HTMLText.escape($0.label))</th><td style=\"padding: 2px 0; font-weight: bold;\">\(HTMLText.escape($0.value))</td></tr>"
        }
        html = """
            <div style="font-family: Arial, sans-serif; font-size: 14px; color: #1f2937;">
            <p>Hello \(HTMLText.escape(contact)),</p>
            <p>Here is \(HTMLText.escape(company))'s service review for \(month.title): the tickets of the month, how our \
            service levels held, where the time went, any breaches and why, and your team's feedback.</p>
            <table>\(rows.joined())</table>
            <p><a href="\(HTMLText.escape(link))">Read the whole review</a>, with the trend over six months, in the portal \
            (sign in with this email address). It prints as a PDF.</p>
            <p>\(HTMLText.escape(signature))</p>
            </div>
            """
    }
}
