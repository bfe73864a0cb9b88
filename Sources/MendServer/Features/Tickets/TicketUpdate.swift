import Fluent
import MendCore
import Vapor

/// Applies a PATCH to a ticket: field rules, priority recalculation and its reason, assignment events.
struct TicketUpdate {
    let ticket: TicketModel
    let input: Decoded<UpdateTicketRequest>
    let principal: Principal
    let matrix: PriorityMatrix

    func apply(on db: any Database, events: inout EventRecorder) async throws {
        let body = input.body
        var check = FieldChecker()
        if input.has("summary") { check.required(body.summary, "summary", max: TicketDraft.Limits.summary) }
        check.length(body.description, "description", max: TicketDraft.Limits.description)
        check.length(body.type, "type", max: TicketDraft.Limits.type)
        check.length(body.subtype, "subtype", max: TicketDraft.Limits.type)
        check.length(body.configurationItem, "configurationItem", max: TicketDraft.Limits.configurationItem)
        for required in ["impact", "urgency"]
        where input.has(required) && (required == "impact" ? body.impact == nil : body.urgency == nil) {
            check.add(required, "must not be null")
        }
        try check.check()
        try await applyReferences(on: db, events: &events)
        applyText(events: &events)
        try applyPriority(events: &events)
    }

    private func applyText(events: inout EventRecorder) {
        var before: [String: String] = [:]
        var after: [String: String] = [:]
        func set(_ key: String, _ current: String?, _ new: String?, _ assign: (String?) -> Void) {
            guard input.has(key), current != new else { return }
            before[key] = current ?? ""
            after[key] = new ?? ""
            assign(new)
        }
        set("summary", ticket.summary, input.body.summary?.trimmingCharacters(in: .whitespacesAndNewlines)) {
            ticket.summary = $0 ?? ticket.summary
        }
        set("description", ticket.description, input.body.description) { ticket.description = $0 ?? "" }
        set("type", ticket.type, input.body.type) { ticket.type = $0 }
        set("subtype", ticket.subtype, input.body.subtype) { ticket.subtype = $0 }
        set("configurationItem", ticket.configurationItem, input.body.configurationItem) { ticket.configurationItem = $0 }
        if !after.isEmpty {
            events.record(
                .fieldsChanged, summary: "Changed " + after.keys.sorted().joined(separator: ", "), before: before,
                after: after)
        }
    }

    private func applyPriority(events: inout EventRecorder) throws {
        guard input.has("impact") || input.has("urgency") else { return }
        let body = input.body
        try ticket.change(&events) { t in
            try t.changePriority(
                impact: body.impact, urgency: body.urgency, matrix: matrix, reason: body.priorityReason,
                permissions: principal.permissions)
        }
    }

    private func applyReferences(on db: any Database, events: inout EventRecorder) async throws {
        let refs = ReferenceChecker(db: db)
        let body = input.body
        if input.has("contactID"), ticket.contactID != body.contactID {
            if let id = body.contactID { try await refs.contact(id, of: ticket.companyID) }
            events.record(
                .fieldsChanged, summary: "Contact changed", before: ["contactID": ticket.contactID?.uuidString ?? ""],
                after: ["contactID": body.contactID?.uuidString ?? ""])
            ticket.contactID = body.contactID
        }
        if input.has("siteID"), ticket.siteID != body.siteID {
            if let id = body.siteID { try await refs.site(id, of: ticket.companyID) }
            events.record(
                .fieldsChanged, summary: "Site changed", before: ["siteID": ticket.siteID?.uuidString ?? ""],
                after: ["siteID": body.siteID?.uuidString ?? ""])
            ticket.siteID = body.siteID
        }
        if input.has("queueID"), ticket.queueID != body.queueID {
            var name: String?
            if let id = body.queueID { name = try await refs.queue(id).name }
            try ticket.change(&events) { t in t.moveToQueue(body.queueID, name: name ?? "none") }
        }
        if input.has("assigneeID"), ticket.assigneeID != body.assigneeID {
            try await assign(body.assigneeID, on: db, events: &events)
        }
    }

    private func assign(_ assignee: UUID?, on db: any Database, events: inout EventRecorder) async throws {
        var name = "nobody"
        if let assignee {
            try await ReferenceChecker(db: db).staff(assignee, field: "assigneeID")
            name = try await UserModel.find(assignee, on: db)?.name ?? name
        }
        try TicketAssignment.apply(ticket, to: assignee, name: name, events: &events)
    }
}
