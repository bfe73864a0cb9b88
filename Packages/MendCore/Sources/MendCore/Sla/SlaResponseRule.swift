/// What meets the response clock (docs/sla.md): the first response by Tier 2 staff. That is a client-visible note
/// or status update written by Tier 2, taking the ticket In Progress, or Restored. Mails Mend sends by itself and
/// the client service rep's handoff message do not count: the handoff is measured apart.
public enum SlaResponseRule {
    /// Whether entering `status` is Tier 2 responding.
    public static func responds(status: TicketStatus) -> Bool {
        status == .inProgress || status == .restored
    }

    /// Whether a client-visible note from staff responds: only when its author works the incident in Tier 2.
    public static func respondsByNote(tier2: Bool) -> Bool { tier2 }
}
