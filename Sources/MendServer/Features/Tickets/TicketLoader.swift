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

    /// 404 unless the ticket with this number exists and the principal may see it; reads only its id.
    func requireVisible(_ reference: String, for principal: Principal) async throws {
        guard try await numberQuery(reference, for: principal).first(decoding: Found.self) != nil else {
            throw Problem.notFound("ticket")
        }
    }

    /// The ticket with this number, if the principal may see it, read once with its row locked for the rest of the
    /// transaction (PostgreSQL; SQLite is serialised by the write gate): a change's one read of the ticket.
    func findLocked(_ reference: String, for principal: Principal) async throws -> TicketModel {
        // One statement: the row locked and read whole, then decoded as Fluent decodes it.
        guard let row = try await numberQuery(reference, for: principal, column: "*").for(.update).first() else {
            throw Problem.notFound("ticket")
        }
        return try row.decode(fluentModel: TicketModel.self)
    }

    private struct Found: Decodable { var id: UUID }

    /// `column` (the id unless told) of the ticket with this number among those the principal may see.
    private func numberQuery(_ reference: String, for principal: Principal, column: String = "id") throws -> SQLSelectBuilder {
        // An unparsable number matches no ticket (numbers start at 1).
        let number = TicketNumber.parse(reference) ?? 0
        var query = try db.sql.select().column(column).from(TicketModel.schema).where("number", .equal, number)
        if let company = principal.clientCompanyID { query = query.where("company_id", .equal, company) }
        return query
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
