import Fluent
import MendCore
import Vapor

/// What the portal asks of the client on each ticket (`ClientView.actions`), from the answers and surveys stored.
struct PortalActions {
    let db: any Database
    let now: Date

    func open(for ticket: TicketModel) async throws -> [ClientView.Action] {
        let status = try ticket.typedStatus
        let answers = try await answers(of: status == .restored ? [ticket.id!] : [])
        let surveys = try await openSurveys(of: status.isOpen ? [] : [ticket.id!])
        return ClientView.actions(
            status: status, statusSince: ticket.statusSince, answeredAt: answers[ticket.id!] ?? [],
            surveyOpen: surveys.contains(ticket.id!))
    }

    func open(for tickets: [TicketResponse]) async throws -> [UUID: [ClientView.Action]] {
        let restored = tickets.filter { $0.status == .restored }.map(\.id)
        let answers = try await answers(of: restored)
        let since = try await statusSince(of: restored)
        let surveys = try await openSurveys(of: tickets.filter { !$0.status.isOpen }.map(\.id))
        var result: [UUID: [ClientView.Action]] = [:]
        for ticket in tickets {
            result[ticket.id] = ClientView.actions(
                status: ticket.status, statusSince: since[ticket.id], answeredAt: answers[ticket.id] ?? [],
                surveyOpen: surveys.contains(ticket.id))
        }
        return result
    }

    /// The client's own "is it working?" answers, by ticket.
    private func answers(of tickets: [UUID]) async throws -> [UUID: [Date]] {
        guard !tickets.isEmpty else { return [:] }
        let rows = try await VerificationModel.query(on: db).filter(\.$ticketID ~~ tickets)
            .filter(\.$channel == ContactChannel.portal.rawValue).all()
        return Dictionary(grouping: rows, by: \.ticketID).mapValues { $0.map(\.at) }
    }

    private func statusSince(of tickets: [UUID]) async throws -> [UUID: Date] {
        guard !tickets.isEmpty else { return [:] }
        let rows = try await TicketModel.query(on: db).filter(\.$id ~~ tickets).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.statusSince.map { (row.id!, $0) } })
    }

    /// The tickets whose latest survey can still be answered.
    private func openSurveys(of tickets: [UUID]) async throws -> Set<UUID> {
        guard !tickets.isEmpty else { return [] }
        let rows = try await SurveyModel.query(on: db).filter(\.$ticketID ~~ tickets).sort(\.$sentAt, .descending).all()
        var latest: [UUID: SurveyModel] = [:]
        for row in rows where latest[row.ticketID] == nil { latest[row.ticketID] = row }
        return Set(
            latest.values.filter { Survey.closedReason(expiresAt: $0.expiresAt, answeredAt: $0.answeredAt, now: now) == nil }
                .map(\.ticketID))
    }
}
