import Fluent
import Foundation
import MendCore

/// Tells staff when a client acts on a ticket (a reply, a reopen, "it works" or "still broken", a poor survey
/// rating), inside the transaction that records the action; who hears of it is MendCore's `ClientActivityRule`
/// (queues have no members of their own). Delivery keeps to working hours as every notification does.
struct ClientActivityNotices {
    let db: any Database
    let services: MendServices

    /// The kinds of client action that reach someone.
    enum Activity {
        case reply(channel: String)
        case reopen(reason: String)
        case confirmation(works: Bool)
        case rating(Int)

        var kind: String {
            switch self {
            case .reply: "client_reply"
            case .reopen: "client_reopen"
            case .confirmation: "client_confirmation"
            case .rating: "low_rating"
            }
        }

        func title(_ label: String) -> String {
            switch self {
            case .reply(let channel): "Client replied (\(channel)): \(label)"
            case .reopen: "Client reopened: \(label)"
            case .confirmation(let works): (works ? "Client confirms it works: " : "Client says still broken: ") + label
            case .rating(let rating): "Client rated \(rating)/5: \(label)"
            }
        }

        var body: String {
            switch self {
            case .reply: "The client wrote on the ticket; read it and answer."
            case .reopen(let reason): "The client reopened the ticket: \(reason)"
            case .confirmation(let works):
                works
                    ? "The client confirmed service is restored; the ticket can be resolved."
                    : "The restoration did not hold for the client; the ticket is back in work."
            case .rating: "A rating of 3 or less: call the client and find out what went wrong."
            }
        }
    }

    func notify(_ activity: Activity, on ticket: TicketModel, now: Date) async throws {
        if case .rating(let rating) = activity, !ClientActivityRule.notifies(rating: rating) { return }
        let notifier = Notifier(db: db, services: services)
        // An inactive assignee is nobody: the watchers hear of it instead.
        let assignee = try await ticket.assigneeID.asyncFlatMap { try await notifier.staff(ids: [$0]).first?.id }
        var onCall: [UUID] = []
        var managers: [UUID] = []
        if assignee == nil {
            onCall = try await notifier.onCall(at: now).compactMap(UUID.init(uuidString:)).sorted {
                $0.uuidString < $1.uuidString
            }
            managers = try await notifier.staff(roles: ["service_manager"]).compactMap(\.id)
        }
        let people = try await notifier.staff(
            ids: ClientActivityRule.recipients(assignee: assignee, onCall: onCall, managers: managers))
        try await notifier.send(
            to: people, ticket: ticket, kind: activity.kind, title: activity.title(Notifier.label(ticket)),
            body: activity.body, now: now)
    }
}
