import Fluent
import MendCore
import Vapor

/// The escalation pages for staff: policies per priority with their levels and versions (editing needs
/// queues.manage), and the ticket page's form for escalating by hand.
struct EscalationWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("escalation", use: overview)
        routes.get("escalation", "policies", "new", use: newPolicy)
        // A new policy posts to its own page's address, so a refused one is shown where a reload finds it.
        routes.post("escalation", "policies", "new", use: create)
        routes.post("escalation", "policies", use: create)
        routes.get("escalation", "policies", ":policyID", use: policy)
        routes.post("escalation", "policies", ":policyID", use: save)
        routes.post("tickets", ":number", "escalate", use: escalate)
    }

    /// The ticket page's Escalate panel: an escalation by hand.
    func escalate(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await TicketWebController().act(req) { number, principal in
            func id(_ key: String) throws -> UUID? {
                guard let text = form[key].nonEmpty else { return nil }
                guard let id = UUID(uuidString: text) else { throw Problem.invalid(key, "is not a valid id") }
                return id
            }
            let request = ManualEscalationRequest(
                kind: form["kind"] ?? "", reason: form["reason"], toUserID: try id("toUserID"), toQueueID: try id("toQueueID"),
                party: form["party"].nonEmpty)
            _ = try await ManualEscalationService(db: req.db, services: req.mend).escalate(number, request, by: principal)
        }
    }

    func overview(req: Request) async throws -> View {
        let principal = try req.principal()
        let contracts = try await ContractModel.query(on: req.db).all()
        let names = Dictionary(uniqueKeysWithValues: contracts.map { ($0.id!, $0.name) })
        try principal.requireStaff("escalation policy")
        let policies = try await EscalationPolicyModel.query(on: req.db).sort(\.$priority).sort(\.$name).all()
        let rows = try policies.map { policy in
            let levels = (try? EscalationLevel.parse(json: policy.levels)) ?? []
            let priority = try StoredValue.read(Priority.self, policy.priority, column: "priority")
            return EscalationOverviewPage.Row(
                id: policy.id!.uuidString, name: policy.name, priority: priority.title, priorityLevel: priority.level,
                scope: policy.contractID.map { "contract " + (names[$0] ?? "?") } ?? "all contracts", version: policy.version,
                levels: levels.enumerated().map { EscalationPolicyPage.summary($1, number: $0 + 1) },
                updated: "\(WebFormat.time(policy.updatedAt)) by \(policy.updatedBy)")
        }
        return try await req.view.render(
            "escalation/overview",
            EscalationOverviewPage(
                layout: LayoutContext(req, title: "Escalation"), policies: rows, canEdit: principal.can(.queuesManage)))
    }

    func newPolicy(req: Request) async throws -> View {
        let principal = try req.principal()
        try principal.requireStaff("escalation policy")
        return try await req.view.render("escalation/policy", try await page(req, principal, row: nil, form: nil, errors: []))
    }

    func policy(req: Request) async throws -> View {
        let principal = try req.principal()
        let row = try await req.escalation.policy(id(req), for: principal)
        return try await req.view.render("escalation/policy", try await page(req, principal, row: row, form: nil, errors: []))
    }

    func create(req: Request) async throws -> Response { try await store(req, id: nil) }

    func save(req: Request) async throws -> Response {
        guard let id = id(req) else { throw Problem.notFound("escalation policy") }
        return try await store(req, id: id)
    }

    private func store(_ req: Request, id: UUID?) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        let choices = try await Self.choices(req)
        do {
            let row = try await req.escalation.save(id, EscalationPolicyPage.object(from: form, choices: choices), by: principal)
            return req.redirect(to: "/escalation/policies/\(row.id!.uuidString)?saved=1")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity || problem.status == .conflict else { throw error }
            let row = try await id.asyncFlatMap { try await EscalationPolicyModel.find($0, on: req.db) }
            let errors =
                problem.errors.isEmpty
                ? [FieldProblem(field: problem.field ?? "policy", message: problem.detail)] : problem.errors
            let page = try await page(req, principal, row: row, form: form, errors: errors)
            return try await req.renderPage("escalation/policy", page, status: problem.status)
        }
    }

    private func page(
        _ req: Request, _ principal: Principal, row: EscalationPolicyModel?, form: [String: String]?, errors: [FieldProblem]
    ) async throws -> EscalationPolicyPage {
        let choices = try await Self.choices(req)
        let stored = row.flatMap { try? EscalationLevel.parse(json: $0.levels) } ?? []
        let priority = form?["priority"] ?? row?.priority ?? "p1"
        let contract = form?["contractID"] ?? row?.contractID?.uuidString ?? ""
        var history: [EscalationPolicyVersionModel] = []
        if let id = row?.id {
            history = try await EscalationPolicyVersionModel.query(on: req.db).filter(\.$policyID == id)
                .sort(\.$version, .descending).all()
        }
        return EscalationPolicyPage(
            layout: LayoutContext(req, title: row?.name ?? "New escalation policy"), id: row?.id?.uuidString,
            version: row?.version ?? 0, name: form?["name"] ?? row?.name ?? "",
            priorities: Priority.allCases.map { Option(value: $0.rawValue, label: $0.title, selected: $0.rawValue == priority) },
            contracts: [Option(value: "", label: "All contracts", selected: contract.isEmpty)]
                + choices.contracts.map { Option(value: $0.id, label: $0.name, selected: $0.id == contract) },
            levels: EscalationPolicyPage.levels(stored, form: form, choices: choices),
            history: history.map { version in
                EscalationPolicyPage.Version(
                    version: version.version, created: WebFormat.time(version.createdAt), by: version.createdBy,
                    levels: ((try? EscalationLevel.parse(json: version.levels)) ?? []).enumerated().map {
                        EscalationPolicyPage.summary($1, number: $0 + 1)
                    })
            },
            errors: errors, canEdit: principal.can(.queuesManage), saved: (try? req.query.get(String.self, at: "saved")) == "1")
    }

    static func choices(_ req: Request) async throws -> EscalationPolicyPage.Choices {
        let roles = try await RoleModel.query(on: req.db).filter(\.$isClient == false).sort(\.$name).all()
        let users = try await UserModel.query(on: req.db).filter(\.$active == true).filter(\.$companyID == nil)
            .sort(\.$name).all()
        let queues = try await QueueModel.query(on: req.db).sort(\.$name).all()
        let rotations = try await RotationModel.query(on: req.db).sort(\.$name).all()
        let contracts = try await ContractModel.query(on: req.db).sort(\.$name).all()
        return EscalationPolicyPage.Choices(
            roles: roles.map { ($0.key, $0.name) }, users: users.map { ($0.id!.uuidString, $0.name) },
            queues: queues.map { ($0.key, $0.name) }, rotations: rotations.map { ($0.id!.uuidString, $0.name) },
            contracts: contracts.map { ($0.id!.uuidString, $0.name) })
    }

    private func id(_ req: Request) -> UUID? { req.parameters.get("policyID").flatMap(UUID.init(uuidString:)) }
}
