import Fluent
import MendCore
import Vapor

/// Staff pages of the resolution paths: the vendor directory, checklists and the time box.
struct ResolutionAdminWebController: RouteCollection {
    struct VendorsPage: Encodable {
        var layout: LayoutContext
        var vendors: [VendorResponse]
        var companies: [Option]
        /// A refused form of the page: which one, what it held and why.
        var refusal: FormRefusal.View?
        var canEdit: Bool
    }

    struct SettingsPage: Encodable {
        struct List: Encodable {
            var id: String
            var ticketType: String
            var items: String
            var updated: String
        }

        struct Box: Encodable {
            var priority: String
            var title: String
            /// As stored, or as typed into a refused form.
            var minutes: String
        }

        var layout: LayoutContext
        var lists: [List]
        var timebox: [Box]
        /// A refused form of the page: which one, what it held and why.
        var refusal: FormRefusal.View?
        var canEdit: Bool
    }

    struct VendorForm: Content {
        var name: String?
        var supportPhone: String?
        var supportEmail: String?
        var portalURL: String?
        var notes: String?
        var companyID: String?
        var contractNumber: String?
    }

    struct ChecklistForm: Content {
        var ticketType: String?
        var items: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("vendors", use: vendors)
        routes.post("vendors", use: createVendor)
        routes.post("vendors", ":id", use: updateVendor)
        routes.post("vendors", ":id", "contracts", use: saveContract)
        routes.get("settings", "resolution", use: settings)
        routes.post("settings", "checklists", use: createChecklist)
        routes.post("settings", "checklists", ":id", use: updateChecklist)
        routes.post("settings", "checklists", ":id", "delete", use: deleteChecklist)
        routes.post("settings", "timebox", use: saveTimebox)
    }

    func vendors(req: Request) async throws -> View {
        try await req.view.render("resolution/vendors", try await vendorsPage(req, refusal: req.takeRefusal(for: "/vendors")))
    }

    func createVendor(req: Request) async throws -> Response {
        let form = try req.content.decode(VendorForm.self)
        return try await vendorAction(req) { principal in
            _ = try await req.vendors.save(id: nil, Self.vendorRequest(form), by: principal)
        }
    }

    func updateVendor(req: Request) async throws -> Response {
        let form = try req.content.decode(VendorForm.self)
        return try await vendorAction(req) { principal in
            _ = try await req.vendors.save(id: try ResolutionWebController.id(req, "id"), Self.vendorRequest(form), by: principal)
        }
    }

    func saveContract(req: Request) async throws -> Response {
        let form = try req.content.decode(VendorForm.self)
        return try await vendorAction(req) { principal in
            guard let company = form.companyID.nonEmpty.flatMap(UUID.init(uuidString:)) else {
                throw Problem.invalid("companyID", "is required")
            }
            _ = try await req.vendors.saveContract(
                vendor: try ResolutionWebController.id(req, "id"),
                VendorContractRequest(companyID: company, contractNumber: form.contractNumber), by: principal)
        }
    }

    func settings(req: Request) async throws -> View {
        try await req.view.render(
            "resolution/settings", try await settingsPage(req, refusal: req.takeRefusal(for: "/settings/resolution")))
    }

    func createChecklist(req: Request) async throws -> Response {
        let form = try req.content.decode(ChecklistForm.self)
        return try await settingsAction(req) { principal in
            _ = try await req.diagnosis.saveChecklist(id: nil, Self.checklistRequest(form), by: principal)
        }
    }

    func updateChecklist(req: Request) async throws -> Response {
        let form = try req.content.decode(ChecklistForm.self)
        return try await settingsAction(req) { principal in
            _ = try await req.diagnosis.saveChecklist(
                id: try ResolutionWebController.id(req, "id"), Self.checklistRequest(form), by: principal)
        }
    }

    func deleteChecklist(req: Request) async throws -> Response {
        try await settingsAction(req) { principal in
            try await req.diagnosis.deleteChecklist(id: try ResolutionWebController.id(req, "id"), by: principal)
        }
    }

    func saveTimebox(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await settingsAction(req) { principal in
            var minutes: [String: Int] = [:]
            for priority in Priority.allCases {
                guard let value = form[priority.rawValue].nonEmpty.flatMap({ Int($0) }) else {
                    throw Problem.invalid("minutes.\(priority.rawValue)", "must be a whole number of minutes")
                }
                minutes[priority.rawValue] = value
            }
            _ = try await req.diagnosis.saveTimebox(TimeboxRequest(minutes: minutes), by: principal)
        }
    }

    // MARK: - Pages

    private func vendorsPage(_ req: Request, refusal: FormRefusal?) async throws -> VendorsPage {
        let principal = try req.principal()
        let companies = try await CompanyModel.query(on: req.db).sort(\.$name).all()
        return VendorsPage(
            layout: LayoutContext(req, title: "Vendors"), vendors: try await req.vendors.vendors(for: principal),
            companies: companies.map { Option(value: $0.id!.uuidString, label: $0.name, selected: false) },
            refusal: refusal?.view, canEdit: principal.can(.companiesEdit))
    }

    private func settingsPage(_ req: Request, refusal: FormRefusal?) async throws -> SettingsPage {
        let principal = try req.principal()
        try principal.requireStaff("settings")
        let box = try await req.diagnosis.timebox()
        return SettingsPage(
            layout: LayoutContext(req, title: "Troubleshooting settings"),
            lists: try await req.diagnosis.checklists().map {
                .init(
                    id: $0.id.uuidString, ticketType: $0.ticketType, items: $0.items.joined(separator: "\n"),
                    updated: "\(WebFormat.time($0.updatedAt)) by \($0.updatedBy)")
            },
            timebox: Priority.allCases.map {
                let typed = refusal?.form == "timebox" ? refusal?.fields[$0.rawValue] : nil
                return .init(priority: $0.rawValue, title: $0.title, minutes: typed ?? String(box.minutes(for: $0)))
            },
            refusal: refusal?.view, canEdit: principal.can(.contractsEdit))
    }

    private func vendorAction(_ req: Request, _ action: (Principal) async throws -> Void) async throws -> Response {
        try await req.runForm(backTo: "/vendors") { try await action(try req.principal()) }
    }

    private func settingsAction(_ req: Request, _ action: (Principal) async throws -> Void) async throws -> Response {
        try await req.runForm(backTo: "/settings/resolution") { try await action(try req.principal()) }
    }

    private static func vendorRequest(_ form: VendorForm) -> VendorRequest {
        VendorRequest(
            name: form.name, supportPhone: form.supportPhone, supportEmail: form.supportEmail, portalURL: form.portalURL,
            notes: form.notes)
    }

    private static func checklistRequest(_ form: ChecklistForm) -> ChecklistRequest {
        ChecklistRequest(
            ticketType: form.ticketType, items: (form.items ?? "").split(whereSeparator: \.isNewline).map(String.init))
    }
}
