import Foundation

/// Who wrote a note, as the rules tell them apart.
public enum NoteAuthor: Sendable, Equatable {
    /// MSP staff of role `roleKey`; `call` names the channel when the note logs a conversation with the client
    /// (a phone call, say).
    case staff(roleKey: String, call: ContactChannel?)
    /// The client's own contact, in the portal or by mail.
    case client

    /// The role that owns the client relationship rather than the incident (PRODUCT.md section 1).
    public static let clientServiceRoleKey = "csr"

    /// Whether the author works the incident in Tier 2: their client-visible words are Tier 2's response. The
    /// client service rep's are not (the handoff is measured apart), nor are the client's own.
    public var isTier2: Bool {
        if case .staff(let role, _) = self { return role != Self.clientServiceRoleKey }
        return false
    }
}

extension Ticket {
    /// Sets the assignee; New and Assigned follow it (`StatusMachine.afterAssignment`).
    public mutating func assign(to assignee: UUID?, name: String, now: Instant) -> [TicketEvent] {
        guard assignee != assigneeID else { return [] }
        var events = [
            TicketEvent(
                .assigned, summary: "Assigned to \(name)", before: ["assigneeID": assigneeID?.uuidString ?? ""],
                after: ["assigneeID": assignee?.uuidString ?? ""])
        ]
        assigneeID = assignee
        if let next = StatusMachine.afterAssignment(of: status, assigned: assignee != nil) {
            events.append(move(to: next, now: now))
        }
        return events
    }

    /// Whether another engineer than `engineer` has the ticket in hand: assigned to them and past Assigned.
    public func isWorked(byOtherThan engineer: UUID) -> Bool {
        guard let assigneeID, assigneeID != engineer else { return false }
        return status.isOpen && status != .new && status != .assigned
    }

    /// An engineer takes the ticket (electing remote resolution from a page, say). Refused while another engineer
    /// works it: `assigneeName` names them in the refusal.
    public mutating func take(by engineer: UUID, name: String, assigneeName: String?, now: Instant) throws(TicketError)
        -> [TicketEvent]
    {
        try requireOpen("Taking the ticket")
        if isWorked(byOtherThan: engineer) { throw .takenBy(assigneeName ?? "another engineer") }
        return assign(to: engineer, name: name, now: now)
    }

    /// Records how the ticket reached Tier 2 when that changes (an on-call engineer electing it, say).
    public mutating func changeSource(to new: TicketSource) -> [TicketEvent] {
        guard new != source else { return [] }
        let old = source
        source = new
        return [
            TicketEvent(
                .fieldsChanged, summary: "Source: \(new.title.lowercased())", before: ["source": old.rawValue],
                after: ["source": new.rawValue])
        ]
    }

    /// Moves the ticket to another queue (`name` for the timeline).
    public mutating func moveToQueue(_ queue: UUID?, name: String) -> [TicketEvent] {
        guard queue != queueID else { return [] }
        let old = queueID
        queueID = queue
        return [
            TicketEvent(
                .queueChanged, summary: "Moved to queue \(name)", before: ["queueID": old?.uuidString ?? ""],
                after: ["queueID": queue?.uuidString ?? ""])
        ]
    }

    /// Work started on a resolution path (parts, a visit, an SME, a vendor) puts the ticket in that path's waiting
    /// status when the machine allows it; otherwise the status stays.
    public mutating func enterPath(waiting target: TicketStatus, detail: String, now: Instant) -> [TicketEvent] {
        guard let next = PathStatus.waiting(target, from: status) else { return [] }
        return [move(to: next, now: now, detail: detail)]
    }

    /// The path's wait ended: back to In Progress, if the ticket is still in that wait.
    public mutating func leavePath(waiting wait: TicketStatus, detail: String, now: Instant) -> [TicketEvent] {
        guard let next = PathStatus.resumed(from: status, waitingIn: wait) else { return [] }
        return [move(to: next, now: now, detail: detail)]
    }

    /// Troubleshooting began on a ticket not yet in work: it goes In Progress.
    public mutating func startWork(detail: String, now: Instant) -> [TicketEvent] {
        guard status != .inProgress, StatusMachine.requestable(from: status).contains(.inProgress),
            !StatusMachine.isReopen(from: status, to: .inProgress)
        else { return [] }
        return [move(to: .inProgress, now: now, detail: detail)]
    }

    /// Time spent on the ticket; refused once it is closed.
    public mutating func logTime(minutes: Int, workType: WorkType, engineer: String) throws(TicketError) -> TicketEvent {
        if status == .closed { throw .closed }
        let before = minutesLogged
        minutesLogged += minutes
        return TicketEvent(
            .timeLogged, summary: "\(minutes) min \(workType.rawValue) logged by \(engineer)",
            before: ["minutesLogged": String(before)], after: ["minutesLogged": String(minutesLogged)])
    }

    /// A note: a client-visible one from staff, or a logged call, tells the client (the gate of the transfers).
    public mutating func addNote(
        id: UUID, visibility: Visibility, author: NoteAuthor, authorName: String, isResolution: Bool = false
    ) -> TicketEvent {
        var after = ["noteID": id.uuidString, "by": author == .client ? "client" : "staff"]
        if author != .client && !author.isTier2 { after["tier2"] = "false" }
        var label = isResolution ? "Resolution note" : (visibility == .onstage ? "Client-visible note" : "Internal note")
        if case .staff(_, let call?) = author {
            after["call"] = call.rawValue
            label = "Contact with the client (\(call.rawValue))"
        }
        if case .staff(_, let call) = author, visibility == .onstage || call != nil { clientInformed = true }
        return TicketEvent(.noteAdded, visibility, summary: "\(label) by \(authorName)", after: after)
    }

    /// The onstage resolution note (`noteID`, by staff of `roleKey`): the summary the client reads at the exit.
    public mutating func writeResolution(_ text: String, noteID: UUID, roleKey: String, by authorName: String)
        -> TicketEvent
    {
        resolution = text
        return addNote(
            id: noteID, visibility: .onstage, author: .staff(roleKey: roleKey, call: nil), authorName: authorName,
            isResolution: true)
    }

    /// The ticket's alert (`fingerprint`) fired again while the ticket is open.
    public mutating func alertRepeated(at: Instant, summary: String, fingerprint: String) -> TicketEvent {
        let count = (alertCount ?? 1) + 1
        alertCount = count
        alertLastSeen = at
        return TicketEvent(
            .alertRepeated, summary: "Alert fired again (\(count) times): \(summary)", before: ["count": String(count - 1)],
            after: ["count": String(count), "fingerprint": fingerprint])
    }

    /// Monitoring reports the ticket's alert (`fingerprint`) resolved.
    public mutating func alertResolved(at: Instant, summary: String, fingerprint: String) -> TicketEvent {
        alertLastSeen = at
        return TicketEvent(
            .alertResolved, summary: "Monitoring reports the alert resolved: \(summary)", after: ["fingerprint": fingerprint])
    }
}
