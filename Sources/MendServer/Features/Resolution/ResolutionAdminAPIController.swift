import Fluent
import MendCore
import Vapor

/// /api/v1 directories and settings of the resolution paths: checklists, the time box, vendors, the dispatch board.
struct ResolutionAdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("checklists", use: checklists)
        routes.post("checklists", use: createChecklist)
        routes.put("checklists", ":id", use: updateChecklist)
        routes.delete("checklists", ":id", use: deleteChecklist)
        routes.get("settings", "timebox", use: timebox)
        routes.put("settings", "timebox", use: saveTimebox)
        routes.get("vendors", use: vendors)
        routes.post("vendors", use: createVendor)
        routes.get("vendors", ":id", use: vendor)
        routes.put("vendors", ":id", use: updateVendor)
        routes.post("vendors", ":id", "contracts", use: saveContract)
        routes.get("dispatch", use: board)
    }

    private func id(_ req: Request, _ what: String) throws -> UUID {
        try req.idParameter("id", what)
    }

    func checklists(req: Request) async throws -> ListResponse<ChecklistResponse> {
        try req.principal().requireStaff("checklist")
        return ListResponse(items: try await req.diagnosis.checklists())
    }

    func createChecklist(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ChecklistRequest.self, from: req)
        return try await req.diagnosis.saveChecklist(id: nil, input.body, by: try req.principal())
            .encodeResponse(status: .created, for: req)
    }

    func updateChecklist(req: Request) async throws -> ChecklistResponse {
        let input = try StrictJSON.decode(ChecklistRequest.self, from: req)
        return try await req.diagnosis.saveChecklist(id: try id(req, "checklist"), input.body, by: try req.principal())
    }

    func deleteChecklist(req: Request) async throws -> HTTPStatus {
        try await req.diagnosis.deleteChecklist(id: try id(req, "checklist"), by: try req.principal())
        return .noContent
    }

    func timebox(req: Request) async throws -> TimeboxResponse {
        try req.principal().requireStaff("setting")
        return TimeboxResponse(minutes: try await req.diagnosis.timebox().json)
    }

    func saveTimebox(req: Request) async throws -> TimeboxResponse {
        let input = try StrictJSON.decode(TimeboxRequest.self, from: req)
        return try await req.diagnosis.saveTimebox(input.body, by: try req.principal())
    }

    func vendors(req: Request) async throws -> ListResponse<VendorResponse> {
        ListResponse(items: try await req.vendors.vendors(for: try req.principal()))
    }

    func createVendor(req: Request) async throws -> Response {
        let input = try StrictJSON.decode(VendorRequest.self, from: req)
        return try await req.vendors.save(id: nil, input.body, by: try req.principal())
            .encodeResponse(status: .created, for: req)
    }

    func vendor(req: Request) async throws -> VendorResponse {
        try await req.vendors.vendor(try id(req, "vendor"), for: try req.principal())
    }

    func updateVendor(req: Request) async throws -> VendorResponse {
        let input = try StrictJSON.decode(VendorRequest.self, from: req)
        return try await req.vendors.save(id: try id(req, "vendor"), input.body, by: try req.principal())
    }

    func saveContract(req: Request) async throws -> VendorResponse {
        let input = try StrictJSON.decode(VendorContractRequest.self, from: req)
        return try await req.vendors.saveContract(vendor: try id(req, "vendor"), input.body, by: try req.principal())
    }

    func board(req: Request) async throws -> DispatchBoardResponse {
        let days = try (try? req.query.get(String.self, at: "days")).map { text in
            guard let days = Int(text) else {
                throw Problem.invalid("days", "must be a whole number between 1 and \(DispatchService.maxDays)")
            }
            return days
        }
        return try await req.dispatch.board(
            day: try? req.query.get(String.self, at: "date"), days: days ?? 1, for: try req.principal())
    }
}
