import Fluent
import Foundation
import MendCore

/// 04c.01: troubleshooting steps, the time box they open, and the checklist of the ticket's type.
struct DiagnosisService {
    let db: any Database
    let services: MendServices

    static let timeboxKey = "resolution.timebox"

    func diagnosis(_ reference: String, for principal: Principal) async throws -> DiagnosisResponse {
        try principal.requireStaff("ticket")
        return try await diagnosis(of: try await TicketLoader(db: db).find(reference, for: principal))
    }

    /// The troubleshooting of a ticket already loaded (and checked for the viewer).
    func diagnosis(of ticket: TicketModel) async throws -> DiagnosisResponse {
        let steps = try await DiagnosisStepModel.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$at).all()
        let priority = try StoredValue.read(Priority.self, ticket.priority, column: "priority")
        let status = try StoredValue.read(TicketStatus.self, ticket.status, column: "status")
        return DiagnosisResponse(
            ticket: ResolutionSupport.number(ticket), steps: steps.map(Self.response),
            timeboxMinutes: try await timebox().minutes(for: priority), timeboxEndsAt: ticket.timeboxEndsAt,
            timeboxUsedUp: TroubleshootingBox.isUsedUp(
                endsAt: ticket.timeboxEndsAt, status: status, now: services.clock.now()),
            checklist: try await checklist(for: ticket))
    }

    /// Records a step; its minutes become diagnosis time, and the first step starts the time box.
    func addStep(_ reference: String, _ request: DiagnosisStepRequest, by principal: Principal) async throws
        -> DiagnosisStepResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        let step = try DiagnosisStep(step: request.step, finding: request.finding, minutes: request.minutes)
        let box = try await timebox()
        let now = services.clock.now()
        let row = DiagnosisStepModel()
        _ = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, tx, events in
            try ResolutionSupport.requireOpen(ticket, "A troubleshooting step")
            row.id = UUID()
            row.ticketID = ticket.id!
            row.step = step.step
            row.finding = step.finding
            row.minutes = step.minutes
            row.byID = principal.userID
            row.byName = principal.name
            row.at = now
            try await row.create(on: tx)
            events.record(
                .diagnosisLogged, summary: "Tried: \(step.step)" + (step.finding.map { " → \($0)" } ?? ""),
                after: ["step": step.step, "finding": step.finding ?? "", "minutes": String(step.minutes)])
            if step.minutes > 0 {
                try await ResolutionSupport.logTime(
                    step.minutes, .diagnosis, startedAt: now.addingTimeInterval(-Double(step.minutes * 60)),
                    note: step.step, engineer: (principal.userID, principal.name), on: ticket, now: now, db: tx,
                    events: &events)
            }
            if ticket.timeboxEndsAt == nil {
                ticket.timeboxEndsAt = box.endsAt(
                    start: TroubleshootingBox.start(firstStepAt: now, minutes: step.minutes),
                    priority: try ticket.aggregate().priority)
            }
            // A step on a ticket nobody started is the start of the work.
            if [TicketStatus.new, .assigned].contains(try ticket.typedStatus) {
                try ticket.change(&events) { t in t.startWork(detail: "troubleshooting started", now: now) }
            }
        }
        return Self.response(row)
    }

    /// Saves the ticked steps of the ticket type's checklist.
    func tick(_ reference: String, _ request: ChecklistTicksRequest, by principal: Principal) async throws
        -> TicketChecklistResponse
    {
        try principal.requireStaff("ticket")
        try principal.require(.ticketsWrite)
        guard let done = request.done else { throw Problem.invalid("done", "is required: the ticked step numbers") }
        let lists = try await checklists()
        let result = TicketChecklistResponse(ticketType: "", items: [], done: [])
        let box = Box(result)
        _ = try await TicketService(db: db, services: services).mutate(reference, ifMatch: nil, by: principal) {
            ticket, _, events in
            try ResolutionSupport.requireOpen(ticket, "A checklist")
            guard let list = Checklist.matching(ticket.type, in: lists.map(\.core)) else {
                throw Problem(
                    .conflict, "no-checklist", "No checklist",
                    detail: "No checklist applies to tickets of type \(ticket.type ?? "(none)").")
            }
            let ticked = try list.validate(done: done)
            let before = Self.done(ticket)
            ticket.checklistDone = "[" + ticked.map(String.init).joined(separator: ",") + "]"
            let added = ticked.filter { !before.contains($0) }.map { list.items[$0] }
            events.record(
                .checklistTicked,
                summary: "Checklist \(list.ticketType): \(ticked.count)/\(list.items.count) done"
                    + (added.isEmpty ? "" : " (ticked \(added.joined(separator: ", ")))"),
                before: ["done": before.map(String.init).joined(separator: ",")],
                after: ["done": ticked.map(String.init).joined(separator: ",")])
            box.value = TicketChecklistResponse(ticketType: list.ticketType, items: list.items, done: ticked)
        }
        return box.value
    }

    // MARK: - Admin: checklists and the time box

    func checklists() async throws -> [ChecklistResponse] {
        try await ChecklistModel.query(on: db).sort(\.$ticketType).all().map(Self.response)
    }

    func saveChecklist(id: UUID?, _ request: ChecklistRequest, by principal: Principal) async throws -> ChecklistResponse {
        try principal.requireStaff("checklist")
        try principal.require(.contractsEdit)
        let list = try Checklist(ticketType: request.ticketType, items: request.items)
        let row: ChecklistModel
        if let id {
            guard let found = try await ChecklistModel.find(id, on: db) else { throw Problem.notFound("checklist") }
            row = found
        } else {
            row = ChecklistModel()
            row.id = UUID()
        }
        let clash = try await ChecklistModel.query(on: db).all().first {
            $0.ticketType.lowercased() == list.ticketType.lowercased() && $0.id != row.id
        }
        if clash != nil {
            throw Problem(
                .conflict, "duplicate", "Checklist exists", detail: "That ticket type already has a checklist; edit it instead.",
                field: "ticketType")
        }
        row.ticketType = list.ticketType
        row.items = Self.json(list.items)
        row.updatedAt = services.clock.now()
        row.updatedBy = principal.name
        try await row.save(on: db)
        return Self.response(row)
    }

    func deleteChecklist(id: UUID, by principal: Principal) async throws {
        try principal.requireStaff("checklist")
        try principal.require(.contractsEdit)
        guard let row = try await ChecklistModel.find(id, on: db) else { throw Problem.notFound("checklist") }
        try await row.delete(on: db)
    }

    func timebox() async throws -> TroubleshootingBox {
        guard let row = try await SettingModel.find(Self.timeboxKey, on: db),
            let object = try? JSONSerialization.jsonObject(with: Data(row.value.utf8))
        else { return .standard }
        return (try? TroubleshootingBox.parse(object)) ?? .standard
    }

    func saveTimebox(_ request: TimeboxRequest, by principal: Principal) async throws -> TimeboxResponse {
        try principal.requireStaff("setting")
        try principal.require(.contractsEdit)
        let box = try TroubleshootingBox.parse(request.minutes.map { $0 as [String: Any] })
        let row = try await SettingModel.find(Self.timeboxKey, on: db) ?? SettingModel()
        row.id = Self.timeboxKey
        row.value = String(decoding: try JSONSerialization.data(withJSONObject: box.json, options: .sortedKeys), as: UTF8.self)
        row.updatedAt = services.clock.now()
        try await row.save(on: db)
        return TimeboxResponse(minutes: box.json)
    }

    // MARK: - Mapping

    private func checklist(for ticket: TicketModel) async throws -> TicketChecklistResponse? {
        guard let type = ticket.type, !type.isEmpty,
            let list = Checklist.matching(type, in: try await checklists().map(\.core))
        else { return nil }
        return TicketChecklistResponse(ticketType: list.ticketType, items: list.items, done: Self.done(ticket))
    }

    static func done(_ ticket: TicketModel) -> [Int] {
        guard let text = ticket.checklistDone else { return [] }
        return (try? JSONDecoder().decode([Int].self, from: Data(text.utf8))) ?? []
    }

    static func json(_ items: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(items)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func response(_ row: DiagnosisStepModel) -> DiagnosisStepResponse {
        DiagnosisStepResponse(
            id: row.id!, step: row.step, finding: row.finding, minutes: row.minutes, byName: row.byName, at: row.at)
    }

    static func response(_ row: ChecklistModel) -> ChecklistResponse {
        ChecklistResponse(
            id: row.id!, ticketType: row.ticketType,
            items: (try? JSONDecoder().decode([String].self, from: Data(row.items.utf8))) ?? [], updatedAt: row.updatedAt,
            updatedBy: row.updatedBy)
    }
}

extension ChecklistResponse {
    /// The stored list as MendCore's rule sees it.
    var core: Checklist { Checklist(stored: ticketType, items: items) }
}
