import Fluent
import MendCore
import Vapor

/// The SLA pages for staff: the at-risk list, policies and contract calendars (editing needs contracts.edit).
struct SlaWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sla", use: overview)
        routes.get("sla", "policies", "new", use: newPolicy)
        // A new policy posts to its own page's address, so a refused one is shown where a reload finds it.
        routes.post("sla", "policies", "new", use: createPolicy)
        routes.post("sla", "policies", use: createPolicy)
        routes.get("sla", "policies", ":policyID", use: policy)
        routes.post("sla", "policies", ":policyID", use: savePolicy)
        routes.get("sla", "contracts", ":contractID", use: contract)
        routes.post("sla", "contracts", ":contractID", use: saveContract)
    }

    func overview(req: Request) async throws -> View {
        let principal = try req.principal()
        let policies = try await req.sla.policies(for: principal)
        let pageNumber = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let size = 50
        let (risky, total) = try await req.sla.atRiskPage(for: principal, page: pageNumber, size: size)
        let responses = try await req.tickets.loader.responses(risky)
        let first = (pageNumber - 1) * size + 1
        let contracts = try await ContractModel.query(on: req.db).sort(\.$name).all()
        let companies = try await CompanyModel.query(on: req.db).all()
        let companyNames = Dictionary(uniqueKeysWithValues: companies.map { ($0.id!, $0.name) })
        var contractRows: [SlaOverviewPage.ContractRow] = []
        for contract in contracts {
            let sla = try await req.sla.contractSla(contract.id, for: principal)
            contractRows.append(
                SlaOverviewPage.ContractRow(
                    id: contract.id!.uuidString, company: companyNames[contract.companyID] ?? "", name: contract.name,
                    coverage: contract.coverage, policy: sla.policyName, timezone: sla.calendar.timezone,
                    calendarIsDefault: sla.calendarIsDefault))
        }
        let page = SlaOverviewPage(
            layout: LayoutContext(req, title: "SLA"),
            atRisk: responses.map { t in
                let view = t.sla.map(SlaView.init)
                return SlaOverviewPage.RiskRow(
                    number: t.number, summary: t.summary, company: t.companyName, priority: t.priority.title,
                    priorityLevel: t.priority.level, flag: view?.flag ?? "", nearest: view?.nearest ?? "")
            },
            policies: policies.map { row in
                let policy = try? req.application.mend.sla.policy(row.definition)
                let p1 = policy?.targets[.p1]?[.restoration].map { "P1 restore in \(WebFormat.minutes($0.minutes))" } ?? ""
                return SlaOverviewPage.PolicyRow(
                    id: row.id!.uuidString, name: row.name, version: row.version, isDefault: row.isDefault, summary: p1)
            },
            atRiskShown: risky.isEmpty ? "" : "\(first)–\(first + risky.count - 1) of \(total)",
            previousPage: pageNumber > 1 ? "/sla?page=\(pageNumber - 1)#at-risk" : nil,
            nextPage: first + risky.count - 1 < total ? "/sla?page=\(pageNumber + 1)#at-risk" : nil,
            contracts: contractRows.sorted { ($0.company, $0.name) < ($1.company, $1.name) },
            canEdit: principal.can(.contractsEdit))
        return try await req.view.render("sla/overview", page)
    }

    func newPolicy(req: Request) async throws -> View {
        let principal = try req.principal()
        try principal.requireStaff("SLA policy")
        return try await req.view.render(
            "sla/policy",
            SlaPolicyPage(
                layout: LayoutContext(req, title: "New SLA policy"), id: nil, version: 0, policy: .standard, form: nil,
                errors: [], canEdit: principal.can(.contractsEdit)))
    }

    func policy(req: Request) async throws -> View {
        let principal = try req.principal()
        let row = try await req.sla.policy(req.parameters.get("policyID").flatMap(UUID.init(uuidString:)), for: principal)
        return try await req.view.render(
            "sla/policy",
            SlaPolicyPage(
                layout: LayoutContext(req, title: row.name), id: row.id!.uuidString, version: row.version,
                policy: try? req.application.mend.sla.policy(row.definition), form: nil, errors: [],
                canEdit: principal.can(.contractsEdit)))
    }

    func createPolicy(req: Request) async throws -> Response {
        try await save(req, id: nil)
    }

    func savePolicy(req: Request) async throws -> Response {
        guard let id = req.parameters.get("policyID").flatMap(UUID.init(uuidString:)) else {
            throw Problem.notFound("SLA policy")
        }
        return try await save(req, id: id)
    }

    private func save(_ req: Request, id: UUID?) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        do {
            let object = SlaPolicyPage.object(from: form)
            let row =
                if let id { try await req.sla.replacePolicy(id, object, by: principal) } else {
                    try await req.sla.createPolicy(object, by: principal)
                }
            return req.redirect(to: "/sla/policies/\(row.id!.uuidString)?saved=1")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity else { throw error }
            let page = SlaPolicyPage(
                layout: LayoutContext(req, title: "SLA policy"), id: id?.uuidString, version: 0, policy: nil, form: form,
                errors: problem.errors, canEdit: true)
            return try await req.renderPage("sla/policy", page, status: problem.status)
        }
    }

    func contract(req: Request) async throws -> View {
        let principal = try req.principal()
        let page = try await contractPage(req, principal: principal, form: nil, errors: [])
        return try await req.view.render("sla/contract", page)
    }

    func saveContract(req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        let id = req.parameters.get("contractID").flatMap(UUID.init(uuidString:))
        do {
            _ = try await req.sla.setContractSla(id, ContractSlaPage.object(from: form), by: principal)
            return req.redirect(to: "/sla/contracts/\(id!.uuidString)?saved=1")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity else { throw error }
            let page = try await contractPage(req, principal: principal, form: form, errors: problem.errors)
            return try await req.renderPage("sla/contract", page, status: problem.status)
        }
    }

    private func contractPage(_ req: Request, principal: Principal, form: [String: String]?, errors: [FieldProblem])
        async throws -> ContractSlaPage
    {
        let id = req.parameters.get("contractID").flatMap(UUID.init(uuidString:))
        let sla = try await req.sla.contractSla(id, for: principal)
        guard let contract = try await ContractModel.find(id, on: req.db) else { throw Problem.notFound("contract") }
        let company = try await CompanyModel.find(contract.companyID, on: req.db)
        let policies = try await req.sla.policies(for: principal)
        let chosen = form.map { $0["slaPolicyID"] ?? "" } ?? sla.slaPolicyID?.uuidString ?? ""
        return ContractSlaPage(
            layout: LayoutContext(req, title: "SLA of \(contract.name)"), contractID: contract.id!.uuidString,
            contractName: contract.name, company: company?.name ?? "", coverage: contract.coverage,
            policies: [Option(value: "", label: "Default policy", selected: chosen.isEmpty)]
                + policies.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) },
            useDefault: form.map { $0["useDefault"] != nil } ?? sla.calendarIsDefault,
            timezone: form?["timezone"] ?? sla.calendar.timezone,
            days: CalendarForm.days(sla.calendar, form: form),
            holidays: form?["holidays"] ?? sla.calendar.holidays.joined(separator: "\n"), errors: errors,
            canEdit: principal.can(.contractsEdit))
    }
}
