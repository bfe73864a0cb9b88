/// The legal status transitions, built from the process definition in force (`ProcessRules.current`); an illegal
/// one is refused with the legal ones.
public enum StatusMachine {
    /// Every status a ticket in `status` may move to next, in lifecycle order.
    public static func targets(from status: TicketStatus) -> [TicketStatus] {
        ProcessRules.current.targets(from: status.rawValue).compactMap(TicketStatus.init(rawValue:))
    }

    /// The moves a person may ask for by naming a status. Restored is reached only through a passing
    /// restoration test (04c.02): naming it would mark the restoration clock met with nothing tested.
    public static func requestable(from status: TicketStatus) -> [TicketStatus] {
        ProcessRules.current.requestable(from: status.rawValue).compactMap(TicketStatus.init(rawValue:))
    }

    /// Whether moving from `from` to `to` is a reopen: leaving an exit or Closed to work again.
    public static func isReopen(from: TicketStatus, to: TicketStatus) -> Bool {
        ProcessRules.current.move(from: from.rawValue, to: to.rawValue)?.kind == .reopen
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
