import Fluent
import Foundation
import MendCore

/// An escalation policy: levels (MendCore `EscalationLevel` JSON) for one priority, optionally one contract.
final class EscalationPolicyModel: Model, @unchecked Sendable {
    static let schema = "escalation_policies"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "priority") var priority: String
    @OptionalField(key: "contract_id") var contractID: UUID?
    /// Bumped on every edit; each version's levels are kept in `escalation_policy_versions`.
    @Field(key: "version") var version: Int
    @Field(key: "levels") var levels: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String
    init() {}
}

/// One version of a policy's levels, as it was when saved.
final class EscalationPolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "escalation_policy_versions"
    @ID(key: .id) var id: UUID?
    @Field(key: "policy_id") var policyID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "levels") var levels: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String
    init() {}
}

/// An in-app notification; it shows from `deliver_at`, which working hours may hold back.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "deliver_at") var deliverAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    init() {}
}

/// A page to on-call staff about a ticket: the chain of people (user ids, comma separated), who has it now
/// (`step`), and until when they have to acknowledge.
final class PageModel: Model, @unchecked Sendable {
    static let schema = "pages"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @OptionalField(key: "rotation_id") var rotationID: UUID?
    @Field(key: "reason") var reason: String
    @Field(key: "chain") var chain: String
    @Field(key: "step") var step: Int
    /// A MendCore `PageState`, read through `typedState`.
    @Field(key: "state") var state: String
    @Field(key: "ack_minutes") var ackMinutes: Int
    @OptionalField(key: "ack_due_at") var ackDueAt: Date?
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    init() {}

    var people: [UUID] { chain.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var current: UUID? { people.indices.contains(step) ? people[step] : nil }

    var typedState: PageState {
        get throws { try StoredValue.read(PageState.self, state, column: "page state") }
    }
}

/// The CSR's handoff on a P1/P2 ticket: who, when, and the expectation given to the client.
final class CsrHandoffModel: Model, @unchecked Sendable {
    static let schema = "csr_handoffs"
    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "csr_id") var csrID: UUID
    @Field(key: "csr_name") var csrName: String
    @Field(key: "at") var at: Date
    @Field(key: "expectation") var expectation: String
    @Field(key: "eta") var eta: Date
    init() {}
}
