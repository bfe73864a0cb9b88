import Fluent
import Foundation
import MendCore

/// A client company of the MSP.
final class CompanyModel: Model, @unchecked Sendable {
    static let schema = "companies"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "code") var code: String
    @Field(key: "timezone") var timezone: String
    @OptionalField(key: "phone") var phone: String?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    /// A `ReviewDelivery`; nil is on demand, the default.
    @OptionalField(key: "review_delivery") var reviewDelivery: String?
    init() {}

    var delivery: ReviewDelivery { reviewDelivery.flatMap(ReviewDelivery.init(rawValue:)) ?? .onDemand }
}

/// A client service review mailed to the company's contacts: by someone (`sentBy`) or by the monthly schedule.
final class ClientReviewModel: Model, @unchecked Sendable {
    static let schema = "client_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    /// YYYY-MM.
    @Field(key: "month") var month: String
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "recipients") var recipients: Int
    init() {}
}

/// A location of a client company, where onsite work happens.
final class SiteModel: Model, @unchecked Sendable {
    static let schema = "sites"
    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?
    init() {}
}

/// A person at a client company who reports incidents and receives updates.
final class ContactModel: Model, @unchecked Sendable {
    static let schema = "contacts"
    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "title") var title: String?
    init() {}
}

/// A service agreement between the MSP and a client; SLA policies attach here.
final class ContractModel: Model, @unchecked Sendable {
    static let schema = "contracts"
    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "name") var name: String
    @Field(key: "coverage") var coverage: String
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    /// The business calendar in MendCore's JSON form; nil means the coverage's default in the company's zone.
    @OptionalField(key: "calendar") var calendar: String?
    @OptionalField(key: "sla_policy_id") var slaPolicyID: UUID?
    init() {}
}

/// A queue (board) tickets wait in, such as the NOC queue.
final class QueueModel: Model, @unchecked Sendable {
    static let schema = "queues"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    init() {}
}

/// A role as data: its key, display name and granted permissions.
final class RoleModel: Model, @unchecked Sendable {
    static let schema = "roles"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    /// Permission raw values, comma separated: portable across SQLite and PostgreSQL.
    @Field(key: "permissions") var permissions: String
    @Field(key: "is_client") var isClient: Bool
    init() {}
}

/// Someone who signs in: staff, or a client contact (then `contactID` and `companyID` are set).
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "role_key") var roleKey: String
    @OptionalField(key: "company_id") var companyID: UUID?
    @OptionalField(key: "contact_id") var contactID: UUID?
    @Field(key: "active") var active: Bool
    /// When notifications reach this person (a calendar's JSON form); nil means always.
    @OptionalField(key: "working_hours") var workingHours: String?
    /// The person's own IANA zone for the pages; nil: the MSP's.
    @OptionalField(key: "time_zone") var timeZone: String?
    init() {}
}

/// A bearer token for integrations; only its SHA-256 is stored.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    init() {}
}
