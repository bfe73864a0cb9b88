import Fluent
import Foundation
import MendCore
import Vapor

/// The resolution-path panels of the ticket page, with every text and choice decided here so the template
/// only lays them out.
struct TicketPathsView: Encodable {
    struct Step: Encodable {
        var at: String
        var by: String
        var step: String
        var finding: String
        var minutes: Int
    }

    struct ChecklistItem: Encodable {
        var index: Int
        var text: String
        var done: Bool
    }

    struct Part: Encodable {
        var id: String
        var item: String
        var quantity: Int
        var supplier: String
        var reference: String
        var shipping: String
        var eta: String
        var state: String
        var awaited: Bool
        var next: [Option]
    }

    struct Visit: Encodable {
        var id: String
        var engineer: String
        var site: String
        var window: String
        var state: String
        var stateTitle: String
        var canCheckIn: Bool
        var canCheckOut: Bool
    }

    struct Consult: Encodable {
        var id: String
        var to: String
        var question: String
        var urgency: String
        var respondBy: String
        var overdue: Bool
        var open: Bool
        var outcome: String
        var answer: String?
    }

    struct VendorCase: Encodable {
        var id: String
        var vendor: String
        var contract: String?
        var caseNumber: String
        var severity: String
        var state: String
        var promised: String
        var nextFollowUp: String
        var next: [Option]
    }

    struct Exit: Encodable {
        var kind: String
        var party: String
        var reference: String?
        var summary: String
        var followUp: String
        var resolved: String
        var canResolve: Bool
    }

    var open: Bool
    var timeboxMinutes: Int
    var timeboxEnds: String?
    var timeboxUsedUp: Bool
    var steps: [Step]
    var checklistType: String
    var checklist: [ChecklistItem]
    var parts: [Part]
    var visits: [Visit]
    var consults: [Consult]
    var vendorCases: [VendorCase]
    var exits: [Exit]
    var engineers: [Option]
    var sites: [Option]
    var vendors: [Option]
    var severities: [Option]
    var urgencies: [Option]
    var outcomes: [Option]
    var visitStart: String
    var visitEnd: String
    /// Shown on a ticket that left Tier 2: whether a reopen reopens it or opens a linked ticket.
    var reopenNote: String?
    var linkedFrom: String?

    /// A refused checklist shows the ticks as they were sent, not as stored.
    mutating func keepTicks(_ sent: String?) {
        let ticked = Set((sent ?? "").split(separator: "\n").compactMap { Int($0) })
        for index in checklist.indices { checklist[index].done = ticked.contains(checklist[index].index) }
    }
}

/// Builds `TicketPathsView` from the path services.
struct ResolutionPanels {
    let req: Request

    func view(for ticket: TicketModel) async throws -> TicketPathsView {
        let now = req.mend.clock.now()
        let status = try StoredValue.read(TicketStatus.self, ticket.status, column: "status")
        let diagnosis = try await req.diagnosis.diagnosis(of: ticket)
        let done = Set(diagnosis.checklist?.done ?? [])
        let parts = try await req.parts.parts(of: ticket)
        let visits = try await req.dispatch.visits(of: ticket)
        let consults = try await req.consults.consults(of: ticket)
        let cases = try await req.vendors.cases(of: ticket)
        let exits = try await req.exits.exits(of: ticket)
        let engineers = try await UserModel.query(on: req.db).filter(\.$companyID == nil).filter(\.$active == true)
            .filter(\.$roleKey ~~ RoleDefinition.fieldRoles).sort(\.$name).all()
        let sites = try await SiteModel.query(on: req.db).filter(\.$companyID == ticket.companyID).sort(\.$name).all()
        let vendors = try await VendorModel.query(on: req.db).sort(\.$name).all()
        let start = Self.nextHalfHour(after: now.addingTimeInterval(3_600))
        var reopenNote: String?
        if !status.isOpen {
            let decision = ReopenDecision.decide(
                exitedAt: ticket.exitedAt, now: now, windowSeconds: req.mend.config.reopenWindowSeconds)
            let until = ticket.exitedAt.map {
                WebFormat.time($0.addingTimeInterval(Double(req.mend.config.reopenWindowSeconds)))
            }
            reopenNote =
                decision == .reopen
                ? "Within the reopen window" + (until.map { " (until \($0))" } ?? "")
                    + ": the ticket reopens and its resolution clock resumes."
                : "The reopen window ended" + (until.map { " at \($0)" } ?? "")
                    + ": a new ticket linked to this one is opened instead."
        }
        var linkedFrom: String?
        if let id = ticket.linkedFromID, let original = try await TicketModel.find(id, on: req.db) {
            linkedFrom = TicketNumber.format(original.number)
        }
        return TicketPathsView(
            open: status.isOpen, timeboxMinutes: diagnosis.timeboxMinutes,
            timeboxEnds: diagnosis.timeboxEndsAt.map(WebFormat.time), timeboxUsedUp: diagnosis.timeboxUsedUp,
            steps: diagnosis.steps.map {
                .init(at: WebFormat.time($0.at), by: $0.byName, step: $0.step, finding: $0.finding ?? "", minutes: $0.minutes)
            },
            checklistType: diagnosis.checklist?.ticketType ?? "",
            checklist: (diagnosis.checklist?.items ?? []).enumerated().map {
                .init(index: $0.offset, text: $0.element, done: done.contains($0.offset))
            },
            parts: parts.map { part in
                .init(
                    id: part.id.uuidString, item: part.item, quantity: part.quantity, supplier: part.supplier ?? "",
                    reference: [part.rmaNumber.map { "RMA \($0)" }, part.purchaseOrder.map { "PO \($0)" }].compactMap { $0 }
                        .joined(separator: " · "),
                    shipping: [part.carrier, part.trackingNumber].compactMap { $0 }.joined(separator: " "),
                    eta: part.eta.map(WebFormat.time) ?? "", state: part.state.capitalized, awaited: part.awaited,
                    next: part.nextStates.map { Option(value: $0, label: $0.capitalized, selected: false) })
            },
            visits: try visits.map { visit in
                let state = try StoredValue.read(Appointment.State.self, visit.state, column: "state")
                return .init(
                    id: visit.id.uuidString, engineer: visit.engineerName, site: visit.siteName,
                    window: "\(WebFormat.time(visit.startsAt)) – \(WebFormat.time(visit.endsAt))", state: visit.state,
                    stateTitle: state.title, canCheckIn: state == .scheduled, canCheckOut: state == .checkedIn)
            },
            consults: consults.map { consult in
                .init(
                    id: consult.id.uuidString, to: consult.toName, question: consult.question, urgency: consult.urgency,
                    respondBy: WebFormat.time(consult.respondBy), overdue: consult.overdue, open: consult.answeredAt == nil,
                    outcome: consult.outcome.flatMap(SmeConsult.Outcome.init(rawValue:))?.title ?? "",
                    answer: consult.answer)
            },
            vendorCases: try cases.map { item in
                let state = try StoredValue.read(MendCore.VendorCase.State.self, item.state, column: "state")
                return .init(
                    id: item.id.uuidString, vendor: item.vendorName, contract: item.contractNumber,
                    caseNumber: item.caseNumber, severity: item.severity.uppercased(), state: state.title,
                    promised: item.promisedResponseAt.map(WebFormat.time) ?? "",
                    nextFollowUp: item.nextFollowUpAt.map(WebFormat.time) ?? "",
                    next: MendCore.VendorCase.State.allCases.filter { $0 != state && state != .closed }.map {
                        Option(value: $0.rawValue, label: $0.title, selected: false)
                    })
            },
            exits: exits.map { exit in
                .init(
                    kind: exit.kind == TicketExitKind.thirdParty.rawValue ? "Third party" : "Handed to the client's IT",
                    party: Self.partyName(exit.party),
                    reference: exit.reference, summary: exit.summary,
                    followUp: exit.nextFollowUpAt.map { "next check \(WebFormat.time($0))" } ?? "",
                    resolved: exit.partyResolvedAt.map { "resolved \(WebFormat.time($0)): \(exit.partyResolution ?? "")" } ?? "",
                    canResolve: exit.kind == TicketExitKind.thirdParty.rawValue && exit.partyResolvedAt == nil)
            },
            engineers: engineers.map {
                Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == ticket.assigneeID)
            },
            sites: [Option(value: "", label: "Client premises", selected: ticket.siteID == nil)]
                + sites.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == ticket.siteID) },
            vendors: vendors.map { Option(value: $0.id!.uuidString, label: $0.name, selected: false) },
            severities: MendCore.VendorCase.Severity.allCases.map {
                Option(value: $0.rawValue, label: $0.rawValue.uppercased(), selected: $0 == .sev3)
            },
            urgencies: SmeConsult.Urgency.allCases.map {
                Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == .normal)
            },
            outcomes: SmeConsult.Outcome.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: false) },
            visitStart: FormTime.format(start), visitEnd: FormTime.format(start.addingTimeInterval(7_200)),
            reopenNote: reopenNote, linkedFrom: linkedFrom)
    }

    /// A handoff to the client's IT stores its party as "Client IT: <who received it>"; beside its kind that
    /// read "Client IT: Client IT: Raj Patel".
    static func partyName(_ party: String) -> String {
        party.hasPrefix("Client IT: ") ? "received by " + party.dropFirst("Client IT: ".count) : party
    }

    private static func nextHalfHour(after date: Date) -> Date {
        let step = 1_800.0
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / step).rounded(.up) * step)
    }
}

/// `datetime-local` form values, read and written in UTC like every time on the staff pages.
enum FormTime {
    /// A `datetime-local` value in the reader's zone: what the person sees is what they type back.
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = WebFormat.zone.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// The instant of a form value typed in the reader's zone, or a problem naming the field.
    static func parse(_ text: String?, _ field: String) throws -> Date? {
        guard let text = text.nonEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = WebFormat.zone.timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw Problem.invalid(field, "must be a date and time such as 2026-11-27T14:30")
    }
}
