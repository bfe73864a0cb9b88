import FluentKit
import MendCore
import Vapor

/// The one place where every error kind becomes a problem with its HTTP status.
enum ProblemMapping {
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as TicketError:
            return problem(for: error)
        case let error as ValidationError:
            return .validation(error)
        case let error as DecodingError:
            return StrictJSON.problem(for: error)
        case let error as any DatabaseError where error.isConstraintFailure:
            return Problem(
                .conflict, "conflict", "Conflict",
                detail: "The change conflicts with existing data (a duplicate or a missing reference).")
        case let abort as any AbortError:
            return problem(for: abort)
        default:
            return Problem(
                .internalServerError, "internal", "Internal error",
                detail: "Something went wrong on the server; the change was not made.")
        }
    }

    static func problem(for error: TicketError) -> Problem {
        switch error {
        case let .illegalTransition(from, to, allowed):
            var problem = Problem(
                .conflict, "illegal-transition", "Illegal transition",
                detail: "A ticket cannot move from \(from.title) to \(to.title). Allowed: "
                    + allowed.map(\.title).joined(separator: ", ") + ".",
                field: "to")
            problem.allowed = allowed.map(\.rawValue)
            return problem
        case let .exitGatesUnmet(target, gates):
            var problem = Problem(
                .unprocessableEntity, "exit-gates-unmet", "Exit conditions not met",
                detail: "The ticket cannot move to \(target.title) yet. "
                    + gates.map(\.explanation).joined(separator: " "),
                field: "to")
            problem.gates = gates
            return problem
        case let .reasonRequired(action):
            return Problem(
                .unprocessableEntity, "reason-required", "Reason required",
                detail: "A reason is required to \(action).", field: "reason")
        case let .reopenWindowPassed(resolvedAt, window):
            return Problem(
                .conflict, "reopen-window-passed", "Reopen window passed",
                detail: "The ticket left Tier 2 at \(resolvedAt.ISO8601Format()) and the reopen window is "
                    + "\(window / 3600) hours; open a new ticket linked to this one instead.")
        case let .notPermitted(permission):
            return .forbidden(permission)
        case let .unchanged(status):
            return Problem(
                .conflict, "unchanged", "Nothing to change",
                detail: "The ticket is already \(status.title).", field: "to")
        case let .notOpen(action, status):
            return Problem(
                .conflict, "ticket-not-open", "Ticket not open",
                detail: "\(action) cannot be recorded: the ticket is \(status.title.lowercased()); reopen it first.")
        case .closed:
            return Problem(
                .conflict, "ticket-closed", "Ticket closed",
                detail: "Time cannot be logged on a closed ticket; reopen it first.")
        case let .takenBy(name):
            return Problem(
                .conflict, "ticket-taken", "Someone else has this ticket",
                detail: "\(name) is working this ticket; ask them or a service manager before taking it over.")
        }
    }

    static func problem(for abort: any AbortError) -> Problem {
        switch abort.status {
        case .payloadTooLarge:
            return Problem(
                .payloadTooLarge, "payload-too-large", "Request body too large",
                detail: "The request body is larger than the server accepts (see MEND_MAX_BODY_KB).")
        case .notFound:
            return Problem(.notFound, "not-found", "Not found", detail: "No such resource.")
        case .unauthorized:
            return Problem(.unauthorized, "unauthorized", "Sign-in required", detail: abort.reason)
        case .unsupportedMediaType:
            return Problem(.unsupportedMediaType, "unsupported-media-type", "Unsupported media type", detail: abort.reason)
        default:
            return Problem(abort.status, "http-\(abort.status.code)", abort.status.reasonPhrase, detail: abort.reason)
        }
    }
}
