import Fluent
import MendCore
import SQLKit
import Vapor

/// Finds tickets the principal may see and turns them into API representations.
struct TicketLoader {
    let db: any Database
    var cache: DirectoryCache? = nil
    var sla: SlaReader? = nil

    /// The ticket with this number, if the principal may see it; otherwise 404, whether it exists or not.
    func find(_ reference: String, for principal: Principal) async throws -> TicketModel {
        guard let number = TicketNumber.parse(reference) else { throw Problem.notFound("ticket") }
        let query = TicketModel.query(on: db).filter(\.$number == number)
        if let company = principal.clientCompanyID { query.filter(\.$companyID == company) }
        guard let ticket = try await query.first() else { throw Problem.notFound("ticket") }
        return ticket
    }

    /// Locks the ticket row for the rest of the transaction (PostgreSQL; SQLite is serialised by the write gate).
    func lock(_ id: UUID) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        _ = try await sql.select().column("id").from("tickets").where("id", .equal, id).for(.update).all()
    }

    /// API representations of tickets, with the names of their company, queue, people and site.
    func responses(_ tickets: [TicketModel]) async throws -> [TicketResponse] {
        let names = try await NameIndex.load(for: tickets, on: db, cache: cache)
        return try tickets.map { ticket in
            var response = try names.response(for: ticket)
            response.sla = sla?.response(for: ticket)
            return response
        }
    }

    func response(_ ticket: TicketModel) async throws -> TicketResponse {
        try await responses([ticket])[0]
    }
}
