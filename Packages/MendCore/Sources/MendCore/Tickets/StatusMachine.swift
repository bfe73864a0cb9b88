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

    /// The moves a person may ask for by naming a status. Restored is reached only through a passing
    /// restoration test (04c.02): naming it would mark the restoration clock met with nothing tested.
    public static func requestable(from status: TicketStatus) -> [TicketStatus] {
        targets(from: status).filter { $0 != .restored }
    }

    /// Whether moving from `from` to `to` is a reopen: leaving an exit or Closed to work again.
    public static func isReopen(from: TicketStatus, to: TicketStatus) -> Bool {
        !from.isOpen && to == .inProgress
    }

    /// New and Assigned follow the assignee: assigning a New ticket makes it Assigned, and taking the assignee
    /// off an Assigned ticket puts it back in the queue as New. Nil when the assignment moves nothing. These two
    /// moves are not asked for by name, so they are not in `targets`.
    public static func afterAssignment(of status: TicketStatus, assigned: Bool) -> TicketStatus? {
        switch (status, assigned) {
        case (.new, true): .assigned
        case (.assigned, false): .new
        default: nil
        }
    }
}
