/// The legal status transitions of PRODUCT.md section 2; an illegal one is refused with the legal ones.
public enum StatusMachine {
    /// Every status a ticket in `status` may move to next, in lifecycle order.
    public static func targets(from status: TicketStatus) -> [TicketStatus] {
        let working = TicketStatus.working
        let result: [TicketStatus]
        switch status {
        case .new:
            result = working + [.escalatedOut, .handedOff]
        case .assigned, .inProgress, .waitingOnClient, .waitingOnParts, .waitingOnVendor,
            .waitingOnThirdParty, .onsiteScheduled, .withSME:
            result = working.filter { $0 != status } + [.restored, .escalatedOut, .handedOff]
        case .restored:
            // Back to work when the restoration fails verification.
            result = [.inProgress, .resolved]
        case .resolved, .escalatedOut, .handedOff:
            result = [.inProgress, .closed]
        case .closed:
            result = [.inProgress]
        }
        return TicketStatus.allCases.filter(result.contains)
    }

    /// Whether moving from `from` to `to` is a reopen: leaving an exit or Closed to work again.
    public static func isReopen(from: TicketStatus, to: TicketStatus) -> Bool {
        !from.isOpen && to == .inProgress
    }
}
