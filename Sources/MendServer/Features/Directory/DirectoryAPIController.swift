import Fluent
import MendCore
import Vapor

/// /api/v1 companies (with sites, contacts, contracts), contracts, queues, users, roles and tokens.
struct DirectoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("companies", use: companies)
        routes.post("companies", use: createCompany)
        let company = routes.grouped("companies", ":companyID")
        company.get(use: showCompany)
        company.get("sites", use: sites)
        company.post("sites", use: createSite)
        company.get("contacts", use: contacts)
        company.post("contacts", use: createContact)
        company.get("contracts", use: contracts)
        company.post("contracts", use: createContract)
        routes.put("contracts", ":contractID", use: updateContract)
        routes.get("queues", use: queues)
        routes.post("queues", use: createQueue)
        routes.get("users", use: users)
        routes.post("users", use: createUser)
        routes.get("users", "me", use: me)
        routes.patch("users", "me", use: updateMe)
        routes.patch("users", ":userID", use: updateUser)
        routes.post("users", ":userID", "password", use: resetPassword)
        routes.get("roles", use: roles)
        routes.post("tokens", use: createToken)
    }

    func companies(req: Request) async throws -> ListResponse<CompanyResponse> {
        ListResponse(items: try await req.directory.companies(for: try req.principal()).map(\.response))
    }

    func createCompany(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.requireStaff("company")
        let input = try StrictJSON.decode(CompanyRequest.self, from: req)
        return try await req.directory.createCompany(input.body, by: principal).response.encodeResponse(
            status: .created, for: req)
    }

    func showCompany(req: Request) async throws -> CompanyResponse {
        try await loadCompany(req).response
    }

    func sites(req: Request) async throws -> ListResponse<SiteResponse> {
        let company = try await loadCompany(req)
        return ListResponse(
            items: try await SiteModel.query(on: req.db).filter(\.$companyID == company.id!).sort(\.$name).all().map(\.response))
    }

    func createSite(req: Request) async throws -> Response {
        let company = try await loadCompany(req)
        let input = try StrictJSON.decode(SiteRequest.self, from: req)
        return try await req.directory.createSite(input.body, company: company, by: try req.principal()).response
            .encodeResponse(status: .created, for: req)
    }

    func contacts(req: Request) async throws -> ListResponse<ContactResponse> {
        let company = try await loadCompany(req)
        return ListResponse(
            items: try await ContactModel.query(on: req.db).filter(\.$companyID == company.id!).sort(\.$name).all().map(
                \.response))
    }

    func createContact(req: Request) async throws -> Response {
        let company = try await loadCompany(req)
        let input = try StrictJSON.decode(ContactRequest.self, from: req)
        return try await req.directory.createContact(input.body, company: company, by: try req.principal()).response
            .encodeResponse(status: .created, for: req)
    }

    func contracts(req: Request) async throws -> ListResponse<ContractResponse> {
        let company = try await loadCompany(req)
        return ListResponse(items: try await req.directory.contracts(of: company, for: try req.principal()).map(\.response))
    }

    func createContract(req: Request) async throws -> Response {
        let company = try await loadCompany(req)
        try req.principal().requireStaff("company")
        let input = try StrictJSON.decode(ContractRequest.self, from: req)
        return try await req.directory.createContract(input.body, company: company, by: try req.principal()).response
            .encodeResponse(status: .created, for: req)
    }

    func updateContract(req: Request) async throws -> ContractResponse {
        let principal = try req.principal()
        try principal.requireStaff("contract")
        let id = req.parameters.get("contractID").flatMap(UUID.init(uuidString:))
        guard let id, try await ContractModel.find(id, on: req.db) != nil else { throw Problem.notFound("contract") }
        let input = try StrictJSON.decode(ContractRequest.self, from: req)
        return try await req.directory.updateContract(id, input.body, by: principal).response
    }

    func queues(req: Request) async throws -> ListResponse<QueueResponse> {
        try req.principal().requireStaff("queue")
        return ListResponse(items: try await QueueModel.query(on: req.db).sort(\.$name).all().map(\.response))
    }

    func createQueue(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.requireStaff("queue")
        let input = try StrictJSON.decode(QueueRequest.self, from: req)
        return try await req.directory.createQueue(input.body, by: principal).response.encodeResponse(status: .created, for: req)
    }

    func users(req: Request) async throws -> ListResponse<UserResponse> {
        try req.principal().requireStaff("user")
        return ListResponse(items: try await UserModel.query(on: req.db).sort(\.$name).all().map(\.response))
    }

    /// An admin changes a person's name, role or whether they may sign in (users.manage).
    func updateUser(req: Request) async throws -> UserResponse {
        let input = try StrictJSON.decode(UserUpdateRequest.self, from: req)
        return try await req.accounts.update(try req.idParameter("userID", "user"), input.body, by: try req.principal())
            .response
    }

    /// A new generated password for the account, answered once (users.manage).
    func resetPassword(req: Request) async throws -> PasswordResetResponse {
        try await req.accounts.resetPassword(try req.idParameter("userID", "user"), by: try req.principal())
    }

    func createUser(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.requireStaff("user")
        let input = try StrictJSON.decode(UserRequest.self, from: req)
        return try await req.directory.createUser(input.body, by: principal).response.encodeResponse(status: .created, for: req)
    }

    func me(req: Request) async throws -> MeResponse {
        let p = try req.principal()
        return MeResponse(
            id: p.userID, email: p.email, name: p.name, role: p.roleKey, permissions: p.permissions.map(\.rawValue).sorted(),
            companyID: p.clientCompanyID, timeZone: p.timeZone ?? req.mend.config.timeZone)
    }

    /// The signed-in person's own settings: `{"timeZone": "Europe/London"}`, or null for the default.
    func updateMe(req: Request) async throws -> MeResponse {
        let p = try req.principal()
        let input = try StrictJSON.decode(ProfileRequest.self, from: req)
        guard input.has("timeZone") else { throw Problem.invalid("timeZone", "is required (a zone name or null)") }
        let user = try await req.profiles.setTimeZone(input.body.timeZone, by: p)
        var response = try await me(req: req)
        if let chosen = user.timeZone {
            response.timeZone = chosen
        } else {
            response.timeZone = try await req.profiles.defaultZone(for: p)
        }
        return response
    }

    func roles(req: Request) async throws -> ListResponse<RoleResponse> {
        try req.principal().requireStaff("role")
        return ListResponse(
            items: try await req.directory.roles().map {
                RoleResponse(
                    key: $0.key, name: $0.name, permissions: $0.permissions.split(separator: ",").map(String.init),
                    isClient: $0.isClient)
            })
    }

    func createToken(req: Request) async throws -> Response {
        let principal = try req.principal()
        try principal.require(.tokensCreate)
        let input = try StrictJSON.decode(TokenRequest.self, from: req)
        let (token, raw) = try await TokenService.create(
            name: input.body.name, for: principal.userID, on: req.db, now: req.mend.clock.now())
        return try await TokenResponse(id: token.id!, name: token.name, token: raw, createdAt: token.createdAt)
            .encodeResponse(status: .created, for: req)
    }

    private func loadCompany(_ req: Request) async throws -> CompanyModel {
        try await req.directory.company(req.parameters.get("companyID").flatMap(UUID.init(uuidString:)), for: try req.principal())
    }
}
