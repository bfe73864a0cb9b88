import Foundation

/// The portal's emailed one-time sign-in link: short-lived, single use, a few per address per hour.
public enum SignInLink {
    /// Fifteen minutes: long enough for mail to arrive, short enough that an old mailbox copy is useless.
    public static let lifetimeSeconds = 15 * 60
    /// More requests for one address within an hour send nothing, so the form cannot flood a mailbox.
    public static let maxPerHour = 5

    /// Why a link can no longer sign anyone in, or nil when it can.
    public static func closedReason(expiresAt: Instant, usedAt: Instant?, now: Instant) -> String? {
        if usedAt != nil { return "This sign-in link has already been used. Ask for a new one." }
        if now > expiresAt { return "This sign-in link has expired. Ask for a new one." }
        return nil
    }

    /// Whether one more link may be sent to an address that had `recent` links in the last hour.
    public static func mayRequest(recent: Int) -> Bool { recent < maxPerHour }

    /// The mail's subject, plain text and HTML, signed like the ticket messages.
    public static func message(mspName: String, signature: String, contactName: String, url: String)
        -> (subject: String, text: String, html: String)
    {
        let minutes = lifetimeSeconds / 60
        let subject = "Your sign-in link for the \(mspName) client portal"
        let text = """
            Hello \(contactName),

            Open this link to sign in to the \(mspName) client portal:

            \(url)

            It works once, within \(minutes) minutes. If you did not ask for it, ignore this email: nobody can sign in without opening the link.

            \(signature)
            """
        let e = HTMLText.escape
        let html = """
            <p>Hello \(e(contactName)),</p>
            <p>Open this link to sign in to the \(e(mspName)) client portal:</p>
            <p><a href="\(e(url))">Sign in to the client portal</a></p>
            <p>It works once, within \(minutes) minutes. If you did not ask for it, ignore this email: nobody can sign in without opening the link.</p>
            <p>\(e(signature).replacingOccurrences(of: "\n", with: "<br>"))</p>
            """
        return (subject, text, html)
    }
}
