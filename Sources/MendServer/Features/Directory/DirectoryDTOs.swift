import MendCore
import Vapor

struct CompanyRequest: StrictRequest {
    var name: String
    var code: String
    var timezone: String?
    var phone: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, code, timezone, phone }
}

struct CompanyResponse: Content {
    var id: UUID
    var name: String
    var code: String
    var timezone: String
    var phone: String?
    /// How the company gets its monthly service review: on_demand or monthly.
    var reviewDelivery: String
}

struct SiteRequest: StrictRequest {
    var name: String
    var address: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, address }
}

struct SiteResponse: Content {
    var id: UUID
    var companyID: UUID
    var name: String
    var address: String?
}

struct ContactRequest: StrictRequest {
    var name: String
    var email: String?
    var phone: String?
    var title: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, email, phone, title }
}

struct ContactResponse: Content {
    var id: UUID
    var companyID: UUID
    var name: String
    var email: String?
    var phone: String?
    var title: String?
}

struct ContractRequest: StrictRequest {
    var name: String
    /// "8x5" business hours or "24x7".
    var coverage: String
    var startsOn: String
    var endsOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case name, coverage, startsOn, endsOn }
}

struct ContractResponse: Content {
    var id: UUID
    var companyID: UUID
    var name: String
    var coverage: String
    var startsOn: String
    var endsOn: String?
}

struct QueueRequest: StrictRequest {
    var key: String
    var name: String
    var description: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case key, name, description }
}

struct QueueResponse: Content {
    var id: UUID
    var key: String
    var name: String
    var description: String?
}

struct UserRequest: StrictRequest {
    var email: String
    var name: String
    var role: String
    var password: String?
    /// For the client_contact role: the contact this login belongs to.
    var contactID: UUID?
    enum CodingKeys: String, CodingKey, CaseIterable { case email, name, role, password, contactID }
}

struct UserResponse: Content {
    var id: UUID
    var email: String
    var name: String
    var role: String
    var companyID: UUID?
    var contactID: UUID?
    var active: Bool
}

struct RoleResponse: Content {
    var key: String
    var name: String
    var permissions: [String]
    var isClient: Bool
}

struct TokenRequest: StrictRequest {
    var name: String
    enum CodingKeys: String, CodingKey, CaseIterable { case name }
}

/// The token itself is shown once, here; only its hash is kept.
struct TokenResponse: Content {
    var id: UUID
    var name: String
    var token: String
    var createdAt: Date
}

struct MeResponse: Content {
    var id: UUID
    var email: String
    var name: String
    var role: String
    var permissions: [String]
    var companyID: UUID?
    /// The zone this person's pages show times in: their own choice, or the default (a client's company's, else the
    /// MSP's).
    var timeZone: String
}

extension CompanyModel {
    var response: CompanyResponse {
        CompanyResponse(
            id: id!, name: name, code: code, timezone: timezone, phone: phone, reviewDelivery: delivery.rawValue)
    }
}

extension SiteModel {
    var response: SiteResponse { SiteResponse(id: id!, companyID: companyID, name: name, address: address) }
}

extension ContactModel {
    var response: ContactResponse {
        ContactResponse(id: id!, companyID: companyID, name: name, email: email, phone: phone, title: title)
    }
}

extension ContractModel {
    var response: ContractResponse {
        ContractResponse(id: id!, companyID: companyID, name: name, coverage: coverage, startsOn: startsOn, endsOn: endsOn)
    }
}

extension QueueModel {
    var response: QueueResponse { QueueResponse(id: id!, key: key, name: name, description: description) }
}

extension UserModel {
    var response: UserResponse {
        UserResponse(id: id!, email: email, name: name, role: roleKey, companyID: companyID, contactID: contactID, active: active)
    }
}
