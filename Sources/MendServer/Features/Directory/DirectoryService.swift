import Fluent
import MendCore
import Vapor

/// Companies, sites, contacts, contracts, queues and users: the records tickets refer to.
struct DirectoryService {
    let db: any Database
    let services: MendServices

    func companies(for principal: Principal) async throws -> [CompanyModel] {
        let query = CompanyModel.query(on: db).sort(\.$name)
        if let company = principal.clientCompanyID { query.filter(\.$id == company) }
        return try await query.all()
    }

    func company(_ id: UUID?, for principal: Principal) async throws -> CompanyModel {
        guard let id, let company = try await CompanyModel.find(id, on: db),
            principal.clientCompanyID == nil || principal.clientCompanyID == id
        else { throw Problem.notFound("company") }
        return company
    }

    func createCompany(_ request: CompanyRequest, by principal: Principal) async throws -> CompanyModel {
        try principal.require(.companiesEdit)
        let problems = DirectoryRules.company(name: request.name, code: request.code, timezone: request.timezone)
        if !problems.isEmpty { throw ValidationError(problems) }
        if try await CompanyModel.query(on: db).filter(\.$code == request.code).first() != nil {
            throw Problem(
                .conflict, "duplicate", "Duplicate", detail: "A company with code \(request.code) exists.", field: "code")
        }
        let company = CompanyModel()
        company.name = request.name.trimmed
        company.code = request.code
        company.timezone = request.timezone ?? "UTC"
        company.phone = request.phone
        company.createdAt = services.clock.now()
        try await company.create(on: db)
        return company
    }

    func createSite(_ request: SiteRequest, company: CompanyModel, by principal: Principal) async throws -> SiteModel {
        try principal.require(.companiesEdit)
        var check = FieldChecker()
        check.required(request.name, "name", max: 200)
        check.length(request.address, "address", max: 500)
        try check.check()
        let site = SiteModel()
        site.companyID = company.id!
        site.name = request.name.trimmed
        site.address = request.address
        try await site.create(on: db)
        return site
    }

    func createContact(_ request: ContactRequest, company: CompanyModel, by principal: Principal) async throws -> ContactModel {
        try principal.require(.companiesEdit)
        let problems = DirectoryRules.contact(name: request.name, email: request.email)
        if !problems.isEmpty { throw ValidationError(problems) }
        let contact = ContactModel()
        contact.companyID = company.id!
        contact.name = request.name.trimmed
        contact.email = request.email?.lowercased()
        contact.phone = request.phone
        contact.title = request.title
        try await contact.create(on: db)
        return contact
    }

    func contracts(of company: CompanyModel, for principal: Principal) async throws -> [ContractModel] {
        try principal.requireStaff("company")
        return try await ContractModel.query(on: db).filter(\.$companyID == company.id!).sort(\.$startsOn).all()
    }

    func createContract(_ request: ContractRequest, company: CompanyModel, by principal: Principal) async throws -> ContractModel
    {
        try principal.require(.contractsEdit)
        let contract = ContractModel()
        contract.companyID = company.id!
        try apply(request, to: contract)
        try await contract.create(on: db)
        return contract
    }

    func updateContract(_ id: UUID?, _ request: ContractRequest, by principal: Principal) async throws -> ContractModel {
        try principal.requireStaff("contract")
        guard let id, let contract = try await ContractModel.find(id, on: db) else { throw Problem.notFound("contract") }
        try principal.require(.contractsEdit)
        try apply(request, to: contract)
        try await contract.update(on: db)
        return contract
    }

    /// Checks the contract rules, then copies the request onto the row.
    private func apply(_ request: ContractRequest, to contract: ContractModel) throws {
        let problems = DirectoryRules.contract(
            name: request.name, coverage: request.coverage, startsOn: request.startsOn, endsOn: request.endsOn)
        if !problems.isEmpty { throw ValidationError(problems) }
        contract.name = request.name.trimmed
        contract.coverage = request.coverage
        contract.startsOn = request.startsOn
        contract.endsOn = request.endsOn
    }

    func createQueue(_ request: QueueRequest, by principal: Principal) async throws -> QueueModel {
        try principal.require(.queuesManage)
        let problems = DirectoryRules.queue(key: request.key, name: request.name)
        if !problems.isEmpty { throw ValidationError(problems) }
        if try await QueueModel.query(on: db).filter(\.$key == request.key).first() != nil {
            throw Problem(.conflict, "duplicate", "Duplicate", detail: "A queue with key \(request.key) exists.", field: "key")
        }
        let queue = QueueModel()
        queue.key = request.key
        queue.name = request.name.trimmed
        queue.description = request.description
        try await queue.create(on: db)
        return queue
    }

    func createUser(_ request: UserRequest, by principal: Principal?) async throws -> UserModel {
        try principal?.require(.usersManage)
        let problems = DirectoryRules.user(email: request.email, name: request.name, password: request.password)
        if !problems.isEmpty { throw ValidationError(problems) }
        guard let role = try await RoleModel.query(on: db).filter(\.$key == request.role).first() else {
            let keys = try await RoleModel.query(on: db).all().map(\.key).sorted()
            throw Problem.invalid("role", "must be one of: " + keys.joined(separator: ", "))
        }
        let email = request.email.lowercased()
        if try await UserModel.query(on: db).filter(\.$email == email).first() != nil {
            throw Problem(.conflict, "duplicate", "Duplicate", detail: "A user with email \(email) exists.", field: "email")
        }
        let user = UserModel()
        if role.isClient {
            guard let contactID = request.contactID, let contact = try await ContactModel.find(contactID, on: db) else {
                throw Problem.invalid("contactID", "is required for a client role and must name a contact")
            }
            user.contactID = contactID
            user.companyID = contact.companyID
        } else if request.contactID != nil {
            throw Problem.invalid("contactID", "is only accepted for a client role")
        }
        user.email = email
        user.name = request.name.trimmed
        user.roleKey = role.key
        user.active = true
        if let password = request.password {
            user.passwordHash = try await PasswordHasher.hash(password)
        }
        try await user.create(on: db)
        return user
    }

    func roles() async throws -> [RoleModel] {
        try await RoleModel.query(on: db).sort(\.$key).all()
    }
}
